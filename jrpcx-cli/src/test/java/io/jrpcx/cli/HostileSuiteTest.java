package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.SessionOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile peers, scaled down for test time, against {@code jrpcx serve} with its default options in a
 * process of its own, while a well-behaved probe client (from 127.0.0.1, as the attackers) keeps asking
 * for echoes. For each attack: the probe's p99 stays under 250 ms and it never fails, the server's heap
 * after a full GC at the attack's peak stays within 128 MB of its baseline; at the end the heap is back
 * near its baseline. On a busy shared machine an attack whose probe misses the latency bound runs once
 * more, and must meet it then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class HostileSuiteTest {
    private static final Pattern LISTENING = Pattern.compile("listening tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration ATTACK = Duration.ofMillis(2500);
    private static final long MB = 1024 * 1024;

    private Process server;
    private int port;
    private RpcSession probe;
    private RpcSession observer;
    private long baseline;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> probeFailures = Collections.synchronizedList(new ArrayList<>());
    /** Runs the probe: one echo 5 ms after the last one's answer (about 200 a second). */
    private final java.util.concurrent.ScheduledExecutorService prober =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "probe"));

    @BeforeAll
    void startServer() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.jrpcx.cli.Main", "serve", "--tcp", "127.0.0.1:0", "--stats", "--warmup", "2")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        Matcher m = LISTENING.matcher(String.valueOf(line));
        assertThat(m.matches()).as("first line of serve: %s", line).isTrue();
        port = Integer.parseInt(m.group(1));
        RpcClient client = RpcClient.builder()
                .options(SessionOptions.builder().sentRequestTimeout(Duration.ofSeconds(20)).build()).build();
        probe = client.connect(url());
        observer = client.connect(url());
        for (int i = 0; i < 200; i++) {
            probe.request("echo", "warm");
        }
        baseline = heap();
        prober.scheduleWithFixedDelay(() -> {
            if (!probeFailures.isEmpty()) {
                return;   // the first failure stops the probe; the attack under way reports it
            }
            long t0 = System.nanoTime();
            try {
                JsonNode echo = probe.request("echo", "probe");
                assertThat(echo.asText()).isEqualTo("probe");
                latencies.add(System.nanoTime() - t0);
            } catch (Throwable e) {
                probeFailures.add(e);
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stopServer() throws Exception {
        prober.shutdownNow();
        prober.awaitTermination(10, TimeUnit.SECONDS);
        if (probe != null) {
            probe.abort();
            observer.abort();
        }
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private long heap() {
        return observer.request("jrpcx.stats", Arguments.named(Map.of("gc", true))).get("heap_used").asLong();
    }

    private Socket socket() {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(10_000);
            return s;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** What one attacking connection does until the deadline (or until it is cut off). */
    interface Attacker {
        void attack(Socket socket, long deadline) throws Exception;
    }

    /**
     * Runs {@code connections} attackers (each reconnecting when cut off) for the attack's length, measures
     * the heap at the peak with the attackers still connected, then lets them go, and checks the probe.
     */
    private void underAttack(String name, int connections, boolean drain, Attacker attacker) throws Exception {
        // the machine is shared (2 cores, other builds): an attack whose probe missed its latency bound runs
        // once more, and the second run must meet it; memory, failures and liveness are checked on both
        if (!attackOnce(name, connections, drain, attacker)) {
            System.out.printf("%s: probe latency over its bound; running the attack once more%n", name);
            assertThat(attackOnce(name + " (again)", connections, drain, attacker))
                    .as("probe p99 under 250 ms during %s (second run)", name).isTrue();
        }
    }

    /** One run of an attack; false when only the probe's latency bound was missed. */
    private boolean attackOnce(String name, int connections, boolean drain, Attacker attacker) throws Exception {
        latencies.clear();
        long deadline = System.nanoTime() + ATTACK.toNanos();
        List<Socket> open = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline) {
                    Socket s;
                    try {
                        s = socket();
                    } catch (RuntimeException e) {
                        return;   // refused: the server is at a limit
                    }
                    open.add(s);
                    if (drain) {
                        Thread.ofVirtual().start(() -> {
                            byte[] sink = new byte[64 * 1024];
                            try {
                                while (s.getInputStream().read(sink) >= 0) {
                                    // discard
                                }
                            } catch (IOException ignored) {
                                // closed
                            }
                        });
                    }
                    try {
                        attacker.attack(s, deadline);
                    } catch (Exception ignored) {
                        // cut off by the server: come back
                    }
                    if (System.nanoTime() < deadline && s.isClosed()) {
                        open.remove(s);
                    }
                }
            }));
        }
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);   // the attack's length, not a synchronisation
        }
        long peak = heap();
        for (Socket s : List.copyOf(open)) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // gone
            }
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertThat(probeFailures).as("probe failures during %s", name).isEmpty();
        assertThat(server.isAlive()).as("server alive after %s", name).isTrue();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        assertThat(sorted).as("probe answers during %s", name).hasSizeGreaterThan(10);
        long p99 = sorted.get((int) (sorted.size() * 0.99));
        System.out.printf("%-28s probe p99 %5.1f ms, n=%d, heap at peak +%d MB%n", name, p99 / 1e6, sorted.size(),
                (peak - baseline) / MB);
        assertThat(peak - baseline).as("heap growth at the peak of %s", name).isLessThan(128 * MB);
        return p99 < TimeUnit.MILLISECONDS.toNanos(250);
    }

    private static void writeLoop(Socket s, long deadline, byte[] message) throws IOException {
        OutputStream out = s.getOutputStream();
        while (System.nanoTime() < deadline) {
            out.write(message);
        }
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void deepNesting() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        underAttack("deep nesting", 2, true, (s, d) -> writeLoop(s, d, line(
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[" + deep + "]}")));
    }

    @Test
    @Order(2)
    void hugeNumbersAndStrings() throws Exception {
        byte[] number = line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[" + "9".repeat(900_000) + "]}");
        byte[] exponent = line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":2,\"params\":[1e999999999]}");
        byte[] string = line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":3,\"params\":[\"" + "s".repeat(900_000) + "\"]}");
        underAttack("huge numbers and strings", 3, true, (s, d) -> {
            OutputStream out = s.getOutputStream();
            while (System.nanoTime() < d) {
                out.write(number);
                out.write(exponent);
                out.write(string);
            }
        });
    }

    @Test
    @Order(3)
    void keyFloods() throws Exception {
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < 28_000; i++) {
            keys.append(i == 0 ? "" : ",").append('"').append(String.format("%030d", i)).append("\":0");
        }
        keys.append('}');
        underAttack("key floods", 2, true, (s, d) -> writeLoop(s, d,
                line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[" + keys + "]}")));
    }

    @Test
    @Order(4)
    void endlessLines() throws Exception {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        underAttack("endless lines", 2, true, (s, d) -> writeLoop(s, d, chunk));
    }

    @Test
    @Order(5)
    void slowloris() throws Exception {
        byte[] request = line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[\"slow\"]}");
        underAttack("slowloris", 200, false, (s, d) -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; System.nanoTime() < d; i = (i + 1) % request.length) {
                out.write(request[i]);
                out.flush();
                Thread.sleep(100);   // the attack's pace, not a synchronisation
            }
        });
    }

    @Test
    @Order(6)
    void connectionFlood() throws Exception {
        underAttack("connection flood", 2_000, false, (s, d) -> {
            long left = d - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);   // hold the connection, idle
            }
        });
    }

    @Test
    @Order(7)
    void pipelinedSlowRequests() throws Exception {
        byte[] sleep = line("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"id\":1,\"params\":[30]}");
        byte[] burst = new byte[sleep.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(sleep, 0, burst, i * sleep.length, sleep.length);
        }
        underAttack("pipelined slow requests", 1, true, (s, d) -> writeLoop(s, d, burst));
    }

    @Test
    @Order(8)
    void aPeerThatNeverReads() throws Exception {
        byte[] echo = line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[\"" + "r".repeat(100_000) + "\"]}");
        underAttack("peer that never reads", 2, false, (s, d) -> writeLoop(s, d, echo));
    }

    @Test
    @Order(9)
    void hugeBatches() throws Exception {
        StringBuilder zeros = new StringBuilder("[0");
        for (int i = 1; i < 100_000; i++) {
            zeros.append(",0");
        }
        zeros.append(']');
        underAttack("huge batches", 1, true, (s, d) -> writeLoop(s, d, line(zeros.toString())));
    }

    @Test
    @Order(10)
    void unansweredServerToClientCalls() throws Exception {
        byte[] call = line("{\"jsonrpc\":\"2.0\",\"method\":\"call_me_back\",\"id\":1,\"params\":[\"echo\",1]}");
        byte[] burst = new byte[call.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(call, 0, burst, i * call.length, call.length);
        }
        // reads what the server sends (its calls) and answers none
        underAttack("unanswered server calls", 1, true, (s, d) -> writeLoop(s, d, burst));
    }

    @Test
    @Order(11)
    void garbageAtFullSpeed() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i += 100) {
            garbage[i] = '\n';
        }
        underAttack("garbage at full speed", 2, true, (s, d) -> writeLoop(s, d, garbage));
    }

    @Test
    @Order(12)
    void halfOpenConnections() throws Exception {
        byte[] partial = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"".getBytes(StandardCharsets.UTF_8);
        underAttack("half-open connections", 300, false, (s, d) -> {
            s.getOutputStream().write(partial);
            s.shutdownOutput();
            long left = d - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        });
    }

    @Test
    @Order(13)
    void notificationFloods() throws Exception {
        byte[] note = line("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"n\"]}");
        byte[] burst = new byte[note.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(note, 0, burst, i * note.length, note.length);
        }
        underAttack("notification floods", 2, false, (s, d) -> writeLoop(s, d, burst));
    }

    @Test
    @Order(100)
    void theHeapReturnsToItsBaselineOnceTheAttackersHaveGone() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        long now = heap();
        while (now - baseline > 32 * MB && System.nanoTime() < deadline) {
            // sessions of cut-off attackers finish closing; their handlers end as the connections go
            Thread.sleep(500);   // paces the measurement (each one is a full GC), not a synchronisation
            now = heap();
        }
        System.out.printf("heap after the attacks +%d MB over baseline%n", (now - baseline) / MB);
        assertThat(now - baseline).isLessThan(32 * MB);
        assertThat(probe.request("echo", "end").asText()).isEqualTo("end");
    }
}
