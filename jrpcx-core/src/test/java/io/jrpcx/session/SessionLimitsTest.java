package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import io.jrpcx.transport.ReadPause;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAccumulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-session limits on real loopback connections: a flooding peer throttled then cut off while another
 * keeps its latency, a hanging handler's slot freed, outstanding outgoing requests at N and N+1, the
 * outgoing concurrency adapting to the response time, the idle timeout.
 */
@Timeout(60)
class SessionLimitsTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<AutoCloseable> closeables = Collections.synchronizedList(new ArrayList<>());
    private final DoubleAccumulator maxThrottle = new DoubleAccumulator(Math::max, 0);
    private final CompletableFuture<Session> exceeded = new CompletableFuture<>();
    private final CompletableFuture<Session> idled = new CompletableFuture<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private RpcServer server;

    private void start(SessionOptions options) {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .inlineMethod("echo", Signature.of("message"), (s, p) -> p.get(0))
                .method("sleep", Signature.of("millis"), (s, p) -> {
                    Thread.sleep(p.get(0).asLong());
                    return "slept";
                })
                .method("wait", Signature.of(), (s, p) -> {
                    release.await();
                    return "released";
                })
                .method("stubborn", Signature.of(), (s, p) -> {
                    // ignores interruption until the test ends
                    while (!stop.get()) {
                        try {
                            release.await();
                            return "released";
                        } catch (InterruptedException ignored) {
                            // not this handler
                        }
                    }
                    return "stopped";
                })
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").options(options)
                .handler(RpcHandler.of(table))
                .listener(new SessionListener() {
                    @Override
                    public void requestFinished(Session session, Object request, Duration took, Throwable failure) {
                        maxThrottle.accumulate(session.cost().throttle());
                    }

                    @Override
                    public void costExceeded(Session session, double cost) {
                        exceeded.complete(session);
                    }

                    @Override
                    public void idleTimedOut(Session session, Duration limit) {
                        idled.complete(session);
                    }
                })
                .start();
    }

    private RpcSession connect(SessionOptions options) {
        RpcSession client = RpcClient.builder().options(options).build().connect(server.services().get(0));
        closeables.add(client::abort);
        return client;
    }

    @AfterEach
    void stop() throws Exception {
        stop.set(true);
        release.countDown();
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void aFloodingPeerIsThrottledThenCutOffWhileAnotherKeepsItsLatency() throws Exception {
        start(SessionOptions.builder().costSoftLimit(500).costHardLimit(4000).costDecayPerSecond(0)
                .costSleep(Duration.ofMillis(100)).build());
        RpcSession good = connect(SessionOptions.defaults());
        for (int i = 0; i < 200; i++) {
            good.request("echo", "warm");   // measured below warm, as the flooder is
        }
        RawPeer flooder = RawPeer.connect(server.services().get(0));
        closeables.add(flooder);
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; ; i++) {
                    flooder.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":" + i + "}");
                }
            } catch (UncheckedIOException e) {
                // cut off
            }
        });
        CompletableFuture<Integer> answered = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try {
                for (String line; (line = flooder.readLineOrEof()) != null; n++) {
                    JsonNode reply = RawPeer.JSON.readTree(line);
                    if (reply.path("error").path("code").asInt() == JsonRpc.EXCESSIVE_RESOURCE_USAGE) {
                        last.compareAndSet(null, reply);   // answers of requests already running may follow it
                    }
                }
            } catch (Exception e) {
                // a reset ends it as well as an end of stream
            }
            return n;
        });
        List<Long> latencies = new ArrayList<>();
        while (!answered.isDone()) {
            long t0 = System.nanoTime();
            assertThat(good.request("echo", "hi").asText()).isEqualTo("hi");
            latencies.add(System.nanoTime() - t0);
        }
        writer.join(20_000);
        assertThat(answered.get()).isGreaterThan(30);
        assertThat(last.get()).as("a -101 answer before the end of the stream").isNotNull();
        assertThat(last.get().get("error").get("data").get("hard_limit").asInt()).isEqualTo(4000);
        assertThat(maxThrottle.get()).isGreaterThan(0.5);
        assertThat(exceeded.get(20, TimeUnit.SECONDS)).isNotSameAs(null);
        assertThat(good.isOpen()).isTrue();
        assertThat(good.cost().throttle()).isZero();
        Collections.sort(latencies);
        assertThat(latencies).isNotEmpty();
        long p99 = latencies.get((int) (latencies.size() * 0.99));
        assertThat(Duration.ofNanos(p99)).isLessThan(Duration.ofMillis(250));
        assertThat(good.request("echo", "still").asText()).isEqualTo("still");
    }

    @Test
    void aHangingHandlerGets102AndFreesItsSlotEvenIfItIgnoresInterruption() throws Exception {
        start(SessionOptions.builder().maxConcurrent(1).processingTimeout(Duration.ofMillis(200)).build());
        RpcSession client = connect(SessionOptions.defaults());
        long before = Session.abandonedHandlers();
        assertThatThrownBy(() -> client.request("stubborn")).isInstanceOfSatisfying(RpcError.class, e -> {
            assertThat(e.code()).isEqualTo(JsonRpc.SERVER_BUSY);
            assertThat(e.message()).isEqualTo("server busy - request timed out");
        });
        // the one slot is free again: a dispatched request runs while the stubborn thread still does
        assertThat(client.request("sleep", 1).asText()).isEqualTo("slept");
        assertThat(Session.abandonedHandlers()).isEqualTo(before + 1);
        stop.set(true);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Session.abandonedHandlers() != before && System.nanoTime() < deadline) {
            Thread.onSpinWait();   // the abandoned thread ends once released
        }
        assertThat(Session.abandonedHandlers()).isEqualTo(before);
    }

    @Test
    void outstandingOutgoingRequestsAreLimitedAtNAndRefusedAtNPlusOne() {
        start(SessionOptions.defaults());
        RpcSession client = connect(SessionOptions.builder().maxPendingRequests(3).build());
        List<CompletableFuture<JsonNode>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(client.requestAsync("wait"));
        }
        assertThat(client.pendingRequests()).isEqualTo(3);
        assertThat(client.requestAsync("wait")).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(CallRefusedException.class)
                .withMessageContaining("3 requests already await answers");
        assertThatThrownBy(() -> client.request("echo", 1)).isInstanceOf(CallRefusedException.class);
        release.countDown();
        waiting.forEach(f -> assertThat(f.join().asText()).isEqualTo("released"));
        assertThat(client.request("echo", 1).asInt()).isEqualTo(1);
    }

    @Test
    void outgoingConcurrencyRisesForFastAnswersAndFallsForSlowOnes() {
        start(SessionOptions.defaults());
        RpcSession fast = connect(SessionOptions.defaults());
        assertThat(fast.outgoingConcurrency()).isEqualTo(50);
        for (int i = 0; i < 30; i++) {
            fast.request("echo", i);
        }
        assertThat(fast.outgoingConcurrency()).isEqualTo(55);   // up by max(3, 10%)
        for (int i = 0; i < 30; i++) {
            fast.request("echo", i);
        }
        assertThat(fast.outgoingConcurrency()).isEqualTo(61);

        RpcSession slow = connect(SessionOptions.builder().targetResponseTime(Duration.ofMillis(1)).build());
        for (int i = 0; i < 30; i++) {
            slow.request("sleep", 20);
        }
        assertThat(slow.outgoingConcurrency()).isEqualTo(40);   // down by at most 20%
    }

    @Test
    void blockingRequestsBeyondTheOutgoingConcurrencyWaitForASlot() throws Exception {
        start(SessionOptions.builder().maxConcurrent(100).build());
        RpcSession client = connect(SessionOptions.builder().sentRequestTimeout(Duration.ofSeconds(20)).build());
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> client.request("wait"),
                    r -> Thread.ofVirtual().start(r)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (client.pendingRequests() < 50 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(client.pendingRequests()).isEqualTo(50);   // the 51st waits for a slot, unsent
        assertThatThrownBy(() -> client.request("echo", io.jrpcx.jsonrpc.Arguments.of(1), Duration.ofMillis(100)))
                .isInstanceOf(RequestTimeoutException.class);
        release.countDown();
        for (CompletableFuture<JsonNode> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).asText()).isEqualTo("released");
        }
    }

    @Test
    void anIdleSessionIsClosedAfterTheIdleTimeoutButNotWhileItWorks() throws Exception {
        start(SessionOptions.builder().idleTimeout(Duration.ofMillis(300)).build());
        RpcSession client = connect(SessionOptions.defaults());
        long t0 = System.nanoTime();
        assertThat(client.request("sleep", 600).asText()).isEqualTo("slept");   // busy longer than the timeout
        assertThat(client.isOpen()).isTrue();
        client.closed().get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(idled.get(20, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void readingStopsOnceWaitingWorkHoldsMaxBacklogBytesAndNotBefore() throws Exception {
        String wait = "{\"jsonrpc\":\"2.0\",\"method\":\"wait\",\"id\":1}";
        int m = wait.length();
        List<Set<ReadPause>> pauses = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> paused = new CompletableFuture<>();
        CompletableFuture<Session> opened = new CompletableFuture<>();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .options(SessionOptions.builder().maxConcurrent(1).maxBacklogBytes(3L * m).build())
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .method("wait", Signature.of(), (s, p) -> {
                            release.await();
                            return "released";
                        }).build()))
                .onOpen(opened::complete)
                .listener(new SessionListener() {
                    @Override
                    public void readingPaused(Session session, Set<ReadPause> reasons) {
                        pauses.add(Set.copyOf(reasons));
                        if (reasons.contains(ReadPause.BACKLOG)) {
                            paused.complete(null);
                        }
                    }
                })
                .start();
        RawPeer peer = RawPeer.connect(server.services().get(0));
        closeables.add(peer);
        Session session = opened.get(20, TimeUnit.SECONDS);
        peer.writeLine(wait);
        peer.writeLine(wait);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (session.backlog() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();   // one runs, one waits: 2m bytes held
        }
        assertThat(session.backlog()).isEqualTo(1);
        assertThat(pauses).noneMatch(r -> r.contains(ReadPause.BACKLOG));
        peer.writeLine(wait);   // 3m: the bound
        paused.get(20, TimeUnit.SECONDS);
        release.countDown();
        for (int i = 0; i < 3; i++) {
            assertThat(peer.readJson().get("result").asText()).isEqualTo("released");
        }
    }

    @Test
    void aPeerThatNeverReadsInlineAnswersIsCutOffAfterTheSendDelay() throws Exception {
        CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .options(SessionOptions.builder().maxSendDelay(Duration.ofMillis(500)).costHardLimit(0).build())
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .inlineMethod("echo", Signature.of("message"), (s, p) -> p.get(0)).build()))
                .listener(new SessionListener() {
                    @Override
                    public void closed(Session session, Throwable cause) {
                        closedWith.complete(cause);
                    }
                })
                .start();
        RawPeer peer = RawPeer.connect(server.services().get(0));
        closeables.add(peer);
        String echo = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[\"" + "e".repeat(100_000) + "\"]}";
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    peer.writeLine(echo);   // never reads a byte
                }
            } catch (UncheckedIOException e) {
                // cut off
            }
        });
        Throwable cause = closedWith.get(20, TimeUnit.SECONDS);
        assertThat(cause).isNotNull();
        assertThat(cause.getMessage()).contains("read nothing for 500 ms");
        peer.abort();
        writer.join(20_000);
    }

    @Test
    void idleTimeoutIsOffByDefault() {
        assertThat(SessionOptions.defaults().idleTimeout()).isZero();
    }
}
