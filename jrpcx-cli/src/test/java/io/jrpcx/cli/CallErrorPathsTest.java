package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jrpcx call} and {@code bench} on their error paths, against a jrpcx server and against raw
 * loopback peers that stay silent, send garbage, an oversized reply, or a JSON-RPC 1.0 answer: each a
 * clear line on stderr and the documented exit code.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallErrorPathsTest {
    private RpcServer server;
    private String url;

    @BeforeAll
    void start() {
        MethodTable<RpcSession> extra = MethodTable.builder(RpcSession.class)
                .method("broke", Signature.of(), (s, p) -> {
                    throw new RpcError(-32001, "insufficient funds",
                            JsonMapper.builder().build().valueToTree(Map.of("needed", 5)));
                })
                .method("echo", Signature.of("message"), (s, p) -> p.get(0))
                .method("pair", Signature.of("a", "b"), (s, p) -> {
                    Map<String, Object> pair = new java.util.LinkedHashMap<>();   // members in a known order
                    pair.put("a", p.get("a"));
                    pair.put("b", p.get("b"));
                    return pair;
                })
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").handler(RpcHandler.of(extra)).start();
        url = server.services().get(0).toString();
    }

    @AfterAll
    void stop() {
        server.close(Duration.ZERO);
    }

    /** A raw peer on loopback that answers each connection with {@code reply(firstLine)}, for one connection. */
    private static String rawPeer(Function<String, byte[]> reply) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (socket; Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                    line.append((char) c);
                }
                byte[] answer = reply.apply(line.toString());
                OutputStream out = s.getOutputStream();
                if (answer != null) {
                    out.write(answer);
                    out.flush();
                }
                in.read();   // hold the connection until the client goes
            } catch (IOException e) {
                // the client went away
            }
        });
        return "tcp://127.0.0.1:" + socket.getLocalPort();
    }

    private static void assertOneLine(CliTest.Run run, int exit) {
        assertThat(run.exit()).as("exit of %s", run).isEqualTo(exit);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aSilentServerTimesOutWithExitFour() throws IOException {
        String silent = rawPeer(line -> null);
        long t0 = System.nanoTime();
        CliTest.Run run = CliTest.run("call", "--max-time", "1", silent, "echo", "x");
        assertOneLine(run, Main.EXIT_TIMEOUT);
        assertThat(run.err()).contains("no response to 'echo'").contains("--max-time 1 s");
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void garbageIsNamedInOneLineWithExitFive() throws IOException {
        String garbage = rawPeer(line -> "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        CliTest.Run run = CliTest.run("call", garbage, "echo", "x");
        assertOneLine(run, Main.EXIT_BAD_REPLY);
        assertThat(run.err()).contains("not JSON").contains("'HTTP/1.1 400 Bad Request");
    }

    @Test
    void anOversizedReplyIsNamedWithExitFive() throws IOException {
        String big = rawPeer(line -> ("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":\"" + "x".repeat(2_000_000) + "\"}\n")
                .getBytes(StandardCharsets.US_ASCII));
        CliTest.Run run = CliTest.run("call", big, "echo", "x");
        assertOneLine(run, Main.EXIT_BAD_REPLY);
        assertThat(run.err()).contains("dropped").contains("1000000");
    }

    @Test
    void aJsonRpc1AnswerHintsAtProtocolAuto() throws IOException {
        String v1 = rawPeer(line -> "{\"result\": \"x\", \"error\": null, \"id\": 0}\n".getBytes(StandardCharsets.US_ASCII));
        CliTest.Run run = CliTest.run("call", v1, "echo", "x");
        assertOneLine(run, Main.EXIT_BAD_REPLY);
        assertThat(run.err()).contains("\"jsonrpc\": \"2.0\"").contains("--protocol auto");
        // and with the hint followed, the same answer is the result
        String again = rawPeer(line -> "{\"result\": \"x\", \"error\": null, \"id\": 0}\n".getBytes(StandardCharsets.US_ASCII));
        CliTest.Run auto = CliTest.run("call", "--protocol", "auto", again, "echo", "x");
        assertThat(auto.exit()).as(auto.toString()).isZero();
        assertThat(auto.out()).isEqualTo("\"x\"\n");
    }

    @Test
    void aPeerSayingNotTwoPointOhGetsTheHint() {
        CliTest.Run run = CliTest.run("call", "--protocol", "v1", url, "echo", "x");
        assertOneLine(run, Main.EXIT_BAD_REPLY);
        assertThat(run.err()).contains("JSON-RPC 2.0").contains("is not \\\"2.0\\\"").contains("try --protocol auto");
    }

    @Test
    void errorDataIsPrinted() {
        CliTest.Run run = CliTest.run("call", url, "broke");
        assertThat(run).isEqualTo(new CliTest.Run(1, "", "error -32001: insufficient funds (data: {\"needed\":5})\n"));
    }

    @Test
    void badArgumentsAndNumbersAreUsageErrors() {
        for (String[] args : new String[][] {
                {"call", url, "echo", "{bad json"},
                {"call", url, "echo", "[1,"},
                {"call", url, "echo", "\"unterminated"},
                {"call", "--timeout", "-1", url, "echo", "x"},
                {"call", "--timeout", "abc", url, "echo", "x"},
                {"call", "--max-time", "0", url, "echo", "x"},
                {"call", "--max-time", "NaN", url, "echo", "x"},
                {"call", "-d", "@/no/such/file", url, "echo"},
                {"call", "-d", "[1", url, "echo"},
                {"call", "-d", "5", url, "echo"},
                {"call", "-d", "[1]", url, "echo", "x"},
                {"call", "-d", "[1]", url},
                {"bench", "--connections", "0", url},
                {"bench", "--depth", "-3", url},
                {"bench", "--duration", "-1", url},
        }) {
            CliTest.Run run = CliTest.run(args);
            assertThat(run.exit()).as("exit of %s: %s", String.join(" ", args), run.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).doesNotContain("\tat ");
        }
        assertThat(CliTest.run("call", url, "echo", "{bad json").err()).contains("ARG 1 is not valid JSON");
        assertThat(CliTest.run("call", "--timeout", "-1", url, "echo", "x").err()).contains("--timeout").contains("-1");
        assertThat(CliTest.run("bench", "--depth", "-3", url).err()).contains("--depth must be at least 1, not -3");
        // words that do not look like JSON are still strings
        assertThat(CliTest.run("call", url, "echo", "hello world").out()).isEqualTo("\"hello world\"\n");
    }

    @Test
    void dataFromAFileOrStdinAsArgumentsOrAWholeRequest(@TempDir Path dir) throws IOException {
        Path args = Files.writeString(dir.resolve("args.json"), "{\"a\": 1, \"b\": [2]}");
        assertThat(CliTest.run("call", "-d", "@" + args, url, "pair")).isEqualTo(new CliTest.Run(0, "{\"a\":1,\"b\":[2]}\n", ""));
        Path request = Files.writeString(dir.resolve("req.json"),
                "{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": \"pair\", \"params\": [3, 4]}");
        assertThat(CliTest.run("call", "-d", "@" + request, url).out()).isEqualTo("{\"a\":3,\"b\":4}\n");
        assertThat(CliTest.run("call", "-d", "[\"inline\"]", url, "echo").out()).isEqualTo("\"inline\"\n");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("[\"from stdin\"]".getBytes(StandardCharsets.UTF_8)));
            assertThat(CliTest.run("call", "-d", "@-", url, "echo").out()).isEqualTo("\"from stdin\"\n");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void verbosePrintsEveryMessageAndPrettyIndents() {
        CliTest.Run run = CliTest.run("call", "-v", "--pretty", url, "pair", "1", "[2]");
        assertThat(run.exit()).isZero();
        assertThat(run.err().lines()).containsExactly(
                "> {\"jsonrpc\":\"2.0\",\"method\":\"pair\",\"id\":0,\"params\":[1,[2]]}",
                "< {\"jsonrpc\":\"2.0\",\"result\":{\"a\":1,\"b\":[2]},\"id\":0}");
        assertThat(run.out()).contains("\n  \"a\" : 1,");
    }

    @Test
    void benchFailsWithTheReasonsAndPrintsJson() throws Exception {
        CliTest.Run run = CliTest.run("bench", "--json", "--duration", "0.5", "--connections", "1", "--depth", "2",
                "--method", "nope", url);
        assertThat(run.exit()).as(run.toString()).isEqualTo(Main.EXIT_ERROR);
        assertThat(run.err()).contains("requests failed").contains("error -32601: unknown method \"nope\"");
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("errors").asLong()).isPositive();
        assertThat(report.get("failures").get("error -32601: unknown method \"nope\"").asLong())
                .isEqualTo(report.get("errors").asLong());
        CliTest.Run ok = CliTest.run("bench", "--json", "--duration", "0.5", "--connections", "1", "--depth", "2", url);
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(JsonMapper.builder().build().readTree(ok.out()).get("requests").asLong()).isPositive();
        assertThat(ok.err()).isEmpty();   // no live line: stderr is not a terminal
    }

    @Test
    void versionComesFromTheBuild() throws IOException {
        CliTest.Run run = CliTest.run("--version");
        assertThat(run.exit()).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>", pom.indexOf("<parent>")) + 9);
        version = version.substring(0, version.indexOf('<'));
        assertThat(run.out()).startsWith("jrpcx " + version + " ");
    }

    @Test
    void theTrainingRunExercisesTheCommandsAndEndsCleanly() {
        CliTest.Run run = CliTest.run("train", "--load", "0.2");
        assertThat(run).isEqualTo(new CliTest.Run(0, "", ""));
        assertThat(CliTest.run("--help").out()).doesNotContain("train");   // hidden
    }

    @Test
    void benchOutOfFileDescriptorsSaysSo() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "ulimit -n 80 && exec \"$0\" --enable-native-access=ALL-UNNAMED -cp \"$1\" io.jrpcx.cli.Main"
                + " bench --connections 100 --duration 1 \"$2\"";
        Process p = new ProcessBuilder("bash", "-c", command, java, System.getProperty("java.class.path"), url)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(Main.EXIT_CONNECTION);
        assertThat(err.lines().filter(l -> l.startsWith("jrpcx bench:")))
                .containsExactly("jrpcx bench: out of file descriptors after opening some of 100 connections:"
                        + " raise the limit (ulimit -n) or lower --connections/--idle");
    }
}
