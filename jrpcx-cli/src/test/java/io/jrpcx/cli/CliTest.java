package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** The command line, run in-process with its output captured. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {
    private static final Pattern LISTENING = Pattern.compile("listening tcp://127\\.0\\.0\\.1:(\\d+)");

    private Thread serveThread;
    private final CompletableFuture<Integer> serveExit = new CompletableFuture<>();
    private final StringWriter serveErr = new StringWriter();
    private String url;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    void serve() throws Exception {
        PipedReader pipe = new PipedReader();
        PrintWriter out = new PrintWriter(new PipedWriter(pipe), true);
        CommandLine cl = Main.commandLine();
        cl.setOut(out);
        cl.setErr(new PrintWriter(serveErr, true));
        serveThread = Thread.ofPlatform().name("serve").start(() -> serveExit.complete(cl.execute("serve", "--tcp", "127.0.0.1:0", "--stats",
                "--max-connections", "500", "--cost-soft-limit", "3000", "--processing-timeout", "20")));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(pipe).readLine();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as("first line of serve: %s", line).isTrue();
        url = "tcp://127.0.0.1:" + m.group(1);
    }

    @AfterAll
    void stopServe() throws Exception {
        serveThread.interrupt();
        assertThat(serveExit.get(30, TimeUnit.SECONDS)).isZero();
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void callPrintsTheResultAsJson() {
        assertThat(run("call", url, "echo", "hello")).isEqualTo(new Run(0, "\"hello\"\n", ""));
        assertThat(run("call", url, "echo", "{\"a\": [1, 2.5, null]}").out()).isEqualTo("{\"a\":[1,2.5,null]}\n");
        assertThat(run("call", url, "sum", "1", "2", "3").out()).isEqualTo("6\n");
        assertThat(run("call", url, "sum", "123456789012345678901234567890", "1").out())
                .isEqualTo("123456789012345678901234567891\n");
        assertThat(run("call", url, "echo", "not json").out()).isEqualTo("\"not json\"\n");
        assertThat(run("call", url, "echo", "\"quoted\"").out()).isEqualTo("\"quoted\"\n");
        assertThat(run("call", url, "echo", "--named", "{\"message\": \"named\"}").out()).isEqualTo("\"named\"\n");
        assertThat(run("call", "--protocol", "loose", url, "echo", "true").out()).isEqualTo("true\n");
    }

    @Test
    void callServesTheServersRequests() {
        assertThat(run("call", url, "call_me_back", "echo", "back").out()).isEqualTo("\"back\"\n");
    }

    @Test
    void errorResponseExitsOne() {
        Run fail = run("call", url, "fail", "5", "boom");
        assertThat(fail).isEqualTo(new Run(1, "", "error 5: boom\n"));
        Run unknown = run("call", url, "no_such_method");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error -32601: unknown method \"no_such_method\"\n");
        Run arity = run("call", url, "echo");
        assertThat(arity.err()).startsWith("error -32602: ");
        Run infinite = run("call", url, "sum", "1e308", "1e308");
        assertThat(infinite.exit()).isEqualTo(1);
        assertThat(infinite.err()).startsWith("error -32602: ");
    }

    @Test
    void badUsageExitsTwo() {
        for (String[] args : new String[][] {
                {"call", url},
                {"call", "tcp://127.0.0.1", "echo"},
                {"call", "ftp://127.0.0.1:1", "echo"},
                {"call", "http://alice:pw@127.0.0.1:1", "echo"},
                {"call", "--protocol", "v3", url, "echo"},
                {"call", "--named", "[1]", url, "echo"},
                {"call", "--named", "{}", url, "echo", "x"},
                {"call", "--no-such-option", url, "echo"},
                {"serve"},
                {"serve", "--tcp", "127.0.0.1:99999"},
                {"nonsense"},
                {},
        }) {
            Run run = run(args);
            assertThat(run.exit()).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isNotBlank();
            assertNoStackTrace(run);
        }
    }

    @Test
    void connectionFailureExitsThree() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run("call", "tcp://127.0.0.1:" + port, "echo", "x");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("127.0.0.1:" + port).containsIgnoringCase("refused");
        assertNoStackTrace(run);
    }

    @Test
    void serveLogsConnections() throws Exception {
        assertThat(run("call", url, "echo", "x").exit()).isZero();
        // the close is logged on the server's I/O thread once the client has gone
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!serveErr.toString().contains("connection closed from 127.0.0.1:") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(serveErr.toString()).contains("connection opened from 127.0.0.1:")
                .contains("connection closed from 127.0.0.1:");
    }

    @Test
    void statsReportsSessionsHeapCostsAndPools() throws Exception {
        Run run = run("call", url, "jrpcx.stats", "--named", "{\"gc\": true}");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("\\{\"sessions\":[1-9]\\d*,\"heap_used\":[1-9]\\d*,.*}\\n");
        com.fasterxml.jackson.databind.JsonNode stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(stats.get("connections_refused").asLong()).isZero();
        assertThat(stats.get("pools").isArray()).isTrue();   // loopback counts alone: no pool
        com.fasterxml.jackson.databind.JsonNode mine = stats.get("session_costs").get(0);
        assertThat(mine.get("peer").asText()).startsWith("127.0.0.1:");
        assertThat(mine.get("cost").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(mine.get("throttle").asDouble()).isZero();
        assertThat(mine.get("concurrency").asInt()).isEqualTo(20);
    }

    @Test
    void statsIsNotServedUnlessAskedFor() throws Exception {
        try (JavaServer plain = new JavaServer("v2")) {
            Run run = run("call", "tcp://127.0.0.1:" + plain.address().getPort(), "jrpcx.stats");
            assertThat(run).isEqualTo(new Run(1, "", "error -32601: unknown method \"jrpcx.stats\"\n"));
        }
    }

    @Test
    void callPrintsTheThrottleSignalOfAnError() {
        io.jrpcx.session.RpcServer costly = io.jrpcx.session.RpcServer.builder().listen("tcp://127.0.0.1:0")
                .handler(new InteropService())
                .onOpen(session -> session.cost().bump(20_000))
                .start();
        try {
            Run run = run("call", costly.services().get(0).toString(), "echo", "x");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).matches("error -101: excessive resource usage "
                    + "\\(data: \\{\"retry_after\":[0-9.]+,\"cost\":2\\d{4},\"hard_limit\":10000}\\)\\n");
        } finally {
            costly.close(java.time.Duration.ZERO);
        }
    }

    @Test
    void serveRefusesABadLimitAsUsage() {
        Run run = run("serve", "--tcp", "127.0.0.1:0", "--max-connections", "0", "--warmup", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("maxConnections must be at least 1");
    }

    @Test
    void serveRefusesANegativeKeepAliveAsUsage() {
        Run run = run("serve", "--http", "127.0.0.1:0", "--http-keep-alive", "-1", "--warmup", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--http-keep-alive must be a non-negative number of seconds");
    }

    @Test
    void byeClosesAfterTheReply() {
        assertThat(run("call", url, "bye")).isEqualTo(new Run(0, "\"bye\"\n", ""));
    }

    @Test
    void demoShowsEveryStep() {
        Run run = run("demo");
        assertThat(run.exit()).as("demo stderr: %s", run.err()).isZero();
        assertThat(run.out())
                .contains("1. a request", "2. a request with named arguments", "3. a request that fails",
                        "4. a batch", "5. a notification", "6. a server-to-client request", "7. goodbye")
                .contains("<- \"hello, jrpcx\"", "<- \"named\"", "<- error -32000: something went wrong",
                        "<- 6.5", "<- error -32601: unknown method \"no_such_method\"",
                        "server received notification echo", "<- \"hello from the client, demo\"",
                        "the server closed the connection", "demo finished");
    }

    @Test
    void benchReportsThroughputAndIdleCost() {
        Run run = run("bench", url, "--duration", "1", "--connections", "2", "--depth", "4", "--idle", "20");
        assertThat(run.exit()).as("bench stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("requests/s").contains("latency us")
                .containsPattern("idle connections 20  server heap per connection \\d+ bytes");
        Run batch = run("bench", url, "--duration", "0.5", "--batch", "5", "--method", "echo");
        assertThat(batch.exit()).isZero();
        assertThat(batch.out()).contains("errors 0");
    }
}
