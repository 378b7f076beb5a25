package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * A real browser as a client: headless Chromium (Debian's {@code /usr/bin/chromium}, driven by
 * {@code playwright-core} from the root {@code package.json}) loads a page served on loopback that calls
 * {@code jrpcx serve --ws} over WebSocket: requests, named arguments, errors, a batch, notifications and a
 * server-to-client request. The server allows only the page's origin: the same page loaded from
 * another origin is refused.
 */
@Timeout(180)
class BrowserWebSocketTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void chromiumCallsTheServerAndAForeignOriginIsRefused() throws Exception {
        assertThat(ROOT.resolve("node_modules/playwright-core")).as("run 'npm ci' at the project root").isDirectory();
        HttpServer pages = PageServer.start("/browser/rpc.html");
        int pagePort = pages.getAddress().getPort();

        BlockingQueue<String> serveOut = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> serveExit = new CompletableFuture<>();
        StringWriter serveErr = new StringWriter();
        Thread serve = Thread.ofPlatform().name("serve").start(() -> {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(new LineQueueWriter(serveOut), true));
            cl.setErr(new PrintWriter(serveErr, true));
            serveExit.complete(cl.execute("serve", "--ws", "127.0.0.1:0", "--ws-path", "/rpc",
                    "--ws-origin", "http://127.0.0.1:" + pagePort, "--warmup", "0"));
        });
        try {
            String listening = serveOut.poll(60, TimeUnit.SECONDS);
            assertThat(listening).as("serve: %s", serveErr).startsWith("listening ws://127.0.0.1:").endsWith("/rpc");
            String ws = listening.substring("listening ".length());
            String allowed = "http://127.0.0.1:" + pagePort + "/?ws=" + ws;
            String foreign = "http://localhost:" + pagePort + "/?ws=" + ws;

            Path script = Path.of("src/test/js/browser.cjs").toAbsolutePath();
            Process node = new ProcessBuilder("node", script.toString(), allowed, foreign)
                    .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
            String output = read(node.getInputStream());
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("node: %s", err.get()).isZero();

            JsonNode results = new ObjectMapper().readTree(output);
            JsonNode page1 = results.get("page1");
            assertThat(page1.get("echo").asText()).isEqualTo("hello from chromium");
            assertThat(page1.get("unicode").asText()).isEqualTo("héllo ✓ 🌍");
            assertThat(page1.get("named").asText()).isEqualTo("named");
            assertThat(page1.get("sum").asDouble()).isEqualTo(6.5);
            assertThat(page1.get("fail").toString()).isEqualTo("{\"code\":-32000,\"message\":\"boom\"}");
            assertThat(page1.get("unknown").asInt()).isEqualTo(-32601);
            assertThat(page1.get("batch").toString()).isEqualTo("[[\"b1\",\"in a batch\"],[\"b2\",5]]");
            assertThat(page1.get("callback").asText()).isEqualTo("hello browser");
            assertThat(page1.get("callbackError").asInt()).isEqualTo(-32601);
            assertThat(page1.get("frames").toString()).isEqualTo("[\"string\"]");   // text frames
            assertThat(page1.get("close").asInt()).isEqualTo(1000);
            JsonNode page2 = results.get("page2");
            assertThat(page2.get("refused").asBoolean()).isTrue();
            assertThat(page2.get("code").asInt()).isEqualTo(1006);
        } finally {
            serve.interrupt();
            assertThat(serveExit.get(30, TimeUnit.SECONDS)).isZero();
            pages.stop(0);
        }
        assertThat(Files.exists(ROOT.resolve("package-lock.json"))).isTrue();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
