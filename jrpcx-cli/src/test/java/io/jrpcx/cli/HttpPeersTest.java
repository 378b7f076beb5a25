package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real HTTP clients call {@code jrpcx serve --http} (with {@code --http-user} read from a file and
 * {@code --http-origin} for the browser page's origin): {@code curl}, Python's {@code urllib} and
 * headless Chromium's {@code fetch} (from a page of another origin, so with CORS preflights), each with
 * single requests, batches, notifications (204), errors, an oversized body (413), a wrong method (405)
 * and missing credentials (401); python-bitcoinlib's {@code RawProxy}, bitcoind's client, with its
 * JSON-RPC 1.0-style requests against {@code --protocol auto}; and {@code jrpcx call} with {@code --user}.
 */
@Timeout(180)
class HttpPeersTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int LIMIT = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static HttpServer pages;
    private static int pagePort;
    private static final List<Thread> SERVES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final CompletableFuture<Integer> SERVE_EXIT = new CompletableFuture<>();
    private static final CompletableFuture<Integer> OPEN_EXIT = new CompletableFuture<>();
    private static final CompletableFuture<Integer> AUTO_EXIT = new CompletableFuture<>();
    private static final CompletableFuture<Integer> BRIEF_EXIT = new CompletableFuture<>();
    /** A {@code serve --http --http-keep-alive 0.3}. */
    private static String briefUrl;
    /** A {@code serve --http --protocol auto} with credentials, as a bitcoind-style node's RPC. */
    private static String autoUrl;
    /** A {@code serve --http} with no option but its address: no credentials, any origin. */
    private static String openUrl;
    private static final StringWriter SERVE_ERR = new StringWriter();
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        pages = PageServer.start("/browser/http.html");
        pagePort = pages.getAddress().getPort();
        Path credentials = dir.resolve("rpcauth");
        Files.writeString(credentials, "alice:s3cret\n");
        url = serve(SERVE_EXIT, "serve", "--http", "127.0.0.1:0", "--http-path", "/rpc",
                "--http-user", "@" + credentials, "--http-origin", "http://127.0.0.1:" + pagePort,
                "--max-message-size", String.valueOf(LIMIT), "--warmup", "0");
        assertThat(url).endsWith("/rpc");
        openUrl = serve(OPEN_EXIT, "serve", "--http", "127.0.0.1:0", "--warmup", "0");
        autoUrl = serve(AUTO_EXIT, "serve", "--http", "127.0.0.1:0", "--http-user", "@" + credentials,
                "--protocol", "auto", "--warmup", "0");
        briefUrl = serve(BRIEF_EXIT, "serve", "--http", "127.0.0.1:0", "--http-keep-alive", "0.3", "--warmup", "0");
    }

    /** Runs {@code jrpcx serve} in this JVM on a thread of its own; returns the URL it listens on. */
    private static String serve(CompletableFuture<Integer> exit, String... args) throws InterruptedException {
        BlockingQueue<String> serveOut = new LinkedBlockingQueue<>();
        SERVES.add(Thread.ofPlatform().name("serve").start(() -> {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(new LineQueueWriter(serveOut), true));
            cl.setErr(new PrintWriter(SERVE_ERR, true));
            exit.complete(cl.execute(args));
        }));
        String listening = serveOut.poll(60, TimeUnit.SECONDS);
        assertThat(listening).as("serve: %s", SERVE_ERR).startsWith("listening http://127.0.0.1:");
        return listening.substring("listening ".length());
    }

    @AfterAll
    static void stop() throws Exception {
        SERVES.forEach(Thread::interrupt);
        assertThat(SERVE_EXIT.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(OPEN_EXIT.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(AUTO_EXIT.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(BRIEF_EXIT.get(30, TimeUnit.SECONDS)).isZero();
        pages.stop(0);
    }

    /** Runs a command; returns its stdout, failing on a timeout. */
    private static String run(List<String> command, int... okExits) throws Exception {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, err.get()).isIn(okExits.length == 0 ? new Integer[] {0}
                : java.util.Arrays.stream(okExits).boxed().toArray(Integer[]::new));
        return out;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** curl's status line and body for one call: {@code -w} appends the status after the body. */
    private static String[] curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        String out = run(command);
        int nl = out.lastIndexOf('\n');
        return new String[] {out.substring(nl + 1), out.substring(0, nl)};
    }

    @Test
    void curl() throws Exception {
        String[] echo = curl("-u", "alice:s3cret", "-H", "Content-Type: application/json",
                "-d", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"hi curl\"]}", url);
        assertThat(echo[0]).isEqualTo("200");
        assertThat(JSON.readTree(echo[1]).get("result").asText()).isEqualTo("hi curl");
        String[] batch = curl("-u", "alice:s3cret", "-d", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sum\",\"params\":[1,2]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"fail\",\"params\":[-32000,\"boom\"]}]", url);
        JsonNode b = JSON.readTree(batch[1]);
        assertThat(b.isArray()).isTrue();
        assertThat(b.toString()).contains("\"result\":3").contains("\"code\":-32000");
        String[] note = curl("-u", "alice:s3cret", "-d", "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}", url);
        assertThat(note[0]).isEqualTo("204");
        assertThat(note[1]).isEmpty();
        String[] parse = curl("-u", "alice:s3cret", "-d", "{oops", url);
        assertThat(JSON.readTree(parse[1]).get("error").get("code").asInt()).isEqualTo(-32700);
        String[] get = curl("-u", "alice:s3cret", "-i", url);
        assertThat(get[0]).isEqualTo("405");
        assertThat(get[1]).containsIgnoringCase("allow: POST");
        String[] noAuth = curl("-i", "-d", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}", url);
        assertThat(noAuth[0]).isEqualTo("401");
        assertThat(noAuth[1]).containsIgnoringCase("www-authenticate: Basic");
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"" + "x".repeat(LIMIT) + "\"]}");
        assertThat(curl("-u", "alice:s3cret", "--data-binary", "@" + big, url)[0]).isEqualTo("413");
        // keep-alive: curl reuses one connection for two URLs
        List<String> two = List.of("curl", "-sv", "-u", "alice:s3cret", "-d",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"again\"]}", url, url);
        Process p = new ProcessBuilder(two).redirectErrorStream(true).start();
        String both = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(both).containsIgnoringCase("Re-using existing connection");
        assertThat(both.split("\"again\"", -1)).hasSize(3);
    }

    @Test
    void pythonUrllib() throws Exception {
        JsonNode r = JSON.readTree(run(List.of(PythonPeer.PYTHON, "jrpcx-cli/src/test/python/http_client.py", url,
                "alice:s3cret", String.valueOf(LIMIT))));
        assertThat(r.get("echo").get("body").get("result").asText()).isEqualTo("hello from urllib");
        assertThat(r.get("batch").get("body").toString()).contains("\"result\":3").contains("\"result\":\"b\"");
        assertThat(r.get("notification").get("status").asInt()).isEqualTo(204);
        assertThat(r.get("fail").get("body").get("error").get("message").asText()).isEqualTo("boom");
        assertThat(r.get("parse").get("body").get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(r.get("oversized").get("status").asInt()).isEqualTo(413);
        assertThat(r.get("get").get("status").asInt()).isEqualTo(405);
        assertThat(r.get("get").get("allow").asText()).isEqualTo("POST");
        assertThat(r.get("noAuth").get("status").asInt()).isEqualTo(401);
        assertThat(r.get("noAuth").get("authenticate").asText()).startsWith("Basic");
    }

    @Test
    void keepAliveTimeClosesAConnectionLeftIdle() throws Exception {
        java.net.URI uri = java.net.URI.create(briefUrl);
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"once\"]}";
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            long sent = System.nanoTime();
            byte[] all = socket.getInputStream().readAllBytes();   // the answer, then the end of the stream
            assertThat(new String(all, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").contains("\"once\"");
            assertThat(System.nanoTime() - sent).as("closed after the keep-alive time").isGreaterThanOrEqualTo(300_000_000L);
        }
    }

    @Test
    void pythonBitcoinlibRawProxy() throws Exception {
        String withUser = autoUrl.replace("http://", "http://alice:s3cret@");
        String wrongUser = autoUrl.replace("http://", "http://alice:wrong@");
        JsonNode r = JSON.readTree(run(List.of(PythonPeer.PYTHON, "jrpcx-cli/src/test/python/bitcoinlib_rpc_client.py",
                withUser, wrongUser)));
        assertThat(r.get("echo").asText()).isEqualTo("hello from bitcoinlib");
        assertThat(r.get("sum").asInt()).isEqualTo(5);
        assertThat(r.get("unknown").get("code").asInt()).isEqualTo(-32601);
        // a 401 without a JSON body: bitcoinlib reports it as its own error -342 with the status line
        assertThat(r.get("badAuth").get("message").asText()).contains("401");
        assertThat(r.get("batch").get(0).get("result").asText()).isEqualTo("a");
        assertThat(r.get("batch").get(1).get("result").asInt()).isEqualTo(3);
    }

    @Test
    void chromiumFetchFromAnotherOrigin() throws Exception {
        assertThat(ROOT.resolve("node_modules/playwright-core")).as("run 'npm ci' at the project root").isDirectory();
        String pageUrl = "http://127.0.0.1:" + pagePort + "/?url=" + java.net.URLEncoder.encode(url, StandardCharsets.UTF_8)
                + "&auth=alice:s3cret&limit=" + LIMIT;
        String foreignUrl = pageUrl.replace("http://127.0.0.1:", "http://localhost:");
        String openPageUrl = "http://localhost:" + pagePort + "/?url=" + java.net.URLEncoder.encode(openUrl, StandardCharsets.UTF_8)
                + "&auth=any:thing&limit=2000000";
        JsonNode all = JSON.readTree(run(List.of("node", Path.of("src/test/js/browser.cjs").toAbsolutePath().toString(),
                pageUrl, foreignUrl, openPageUrl)));
        JsonNode r = all.get("page1");
        assertThat(r.get("echo").get("body").get("result").asText()).isEqualTo("hello from fetch");
        assertThat(r.get("batch").get("status").asInt()).isEqualTo(200);
        assertThat(r.get("batch").get("body").toString()).contains("\"result\":3.5").contains("\"result\":\"b\"");
        assertThat(r.get("notification").get("status").asInt()).isEqualTo(204);
        assertThat(r.get("fail").get("body").get("error").get("code").asInt()).isEqualTo(-32000);
        assertThat(r.get("parse").get("body").get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(r.get("noAuth").get("status").asInt()).as("%s", r).isEqualTo(401);
        assertThat(r.get("oversized").get("status").asInt()).as("%s", r).isEqualTo(413);
        assertThat(r.get("get").get("status").asInt()).as("%s", r).isEqualTo(405);
        assertThat(r.get("after").get("body").get("result").asText()).isEqualTo("still fine");
        // the same page from an origin the server does not name: the browser gets no CORS answer
        assertThat(all.get("page2").get("echo").get("status").asInt()).as("%s", all.get("page2")).isEqualTo(-1);
        // a plain serve --http: any origin, no credentials asked
        JsonNode open = all.get("page3");
        assertThat(open.get("echo").get("body").get("result").asText()).as("%s", open).isEqualTo("hello from fetch");
        assertThat(open.get("notification").get("status").asInt()).isEqualTo(204);
        assertThat(open.get("noAuth").get("body").get("result").asText()).isEqualTo("x");
        assertThat(open.get("oversized").get("status").asInt()).as("%s", open).isEqualTo(413);
        assertThat(open.get("get").get("status").asInt()).isEqualTo(405);
        assertThat(open.get("get").get("allow").asText()).isEqualTo("POST");
    }

    @Test
    void jrpcxCallWithUser() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("call", "--user", "alice:s3cret", url, "sum", "1", "2")).as("%s", err).isZero();
        assertThat(out.toString().trim()).isEqualTo("3");
        StringWriter err2 = new StringWriter();
        cl.setErr(new PrintWriter(err2, true));
        assertThat(cl.execute("call", url, "echo", "hi")).isEqualTo(Main.EXIT_CONNECTION);
        assertThat(err2.toString()).contains("HTTP 401 Unauthorized");
        StringWriter err3 = new StringWriter();
        cl.setErr(new PrintWriter(err3, true));
        assertThat(cl.execute("call", "--user", "alice:s3cret", url, "call_me_back", "echo", "hi")).isEqualTo(Main.EXIT_ERROR);
        assertThat(err3.toString()).contains("server side of HTTP");
    }
}
