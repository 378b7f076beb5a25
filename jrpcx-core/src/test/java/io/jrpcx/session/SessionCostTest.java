package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cost accounting, throttling and the hard limit on real loopback connections, after aiorpcX's own
 * session tests: error costs, request sleeps, the hard limit, concurrency decay and retargeting, extra
 * cost; and what aiorpcX does not have: the throttle signal in the -101 error's data.
 */
@Timeout(60)
class SessionCostTest {
    private static final double BYTE = SessionOptions.defaults().costPerByte();

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CompletableFuture<RpcSession> serverSession = new CompletableFuture<>();
    private final AtomicInteger exceeded = new AtomicInteger();
    private final List<RpcSession> clients = Collections.synchronizedList(new ArrayList<>());
    private RpcServer server;

    private void start(SessionOptions options) {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .inlineMethod("echo", Signature.of("message"), (s, p) -> p.get(0))
                .method("slowEcho", Signature.of("message"), (s, p) -> p.get(0))
                .inlineMethod("onVirtualThread", Signature.of(), (s, p) -> Thread.currentThread().isVirtual())
                .method("wait", Signature.of(), (s, p) -> {
                    waiting.countDown();
                    release.await();
                    return "released";
                })
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").options(options)
                .handler(RpcHandler.of(table))
                .listener(new SessionListener() {
                    @Override
                    public void costExceeded(Session session, double cost) {
                        exceeded.incrementAndGet();
                    }
                })
                .onOpen(serverSession::complete)
                .start();
    }

    private RpcSession connect() {
        RpcSession client = RpcClient.builder().build().connect(server.services().get(0));
        clients.add(client);
        return client;
    }

    private RpcSession serverSide() throws Exception {
        return serverSession.get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        release.countDown();
        clients.forEach(RpcSession::abort);
        server.close(Duration.ZERO);
    }

    @Test
    void anErrorCostsTheBaseAndBytesCostOnePerMillion() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(0).costPerIoSecond(0).build());
        RpcSession client = connect();
        assertThatThrownBy(() -> client.request("nope")).isInstanceOf(RpcError.class);
        SessionStats stats = serverSide().stats();
        double bytes = (stats.bytesReceived() + stats.bytesSent()) * BYTE;
        assertThat(serverSide().cost().value()).isCloseTo(100 + bytes, within(1e-9));
        assertThat(stats.cost()).isCloseTo(100 + bytes, within(1e-9));

        String big = "x".repeat(200_000);
        assertThat(client.request("echo", big).asText()).isEqualTo(big);
        stats = serverSide().stats();
        assertThat(serverSide().cost().value())
                .isCloseTo(100 + (stats.bytesReceived() + stats.bytesSent()) * BYTE, within(1e-9))
                .isGreaterThan(100.4);   // 400,000 bytes at one millionth each
    }

    @Test
    void aLargeMessageIsChargedItsIoTimeAndASmallOneOnlyItsBytes() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(0).costPerIoSecond(1e9).costHardLimit(0).build());
        RpcSession client = connect();
        assertThat(client.request("echo", "small").asText()).isEqualTo("small");
        SessionStats stats = serverSide().stats();
        assertThat(serverSide().cost().value())
                .isCloseTo((stats.bytesReceived() + stats.bytesSent()) * BYTE, within(1e-9));
        String big = "x".repeat(SessionCost.TIMED_MESSAGE_BYTES);
        assertThat(client.request("echo", big).asText()).isEqualTo(big);
        stats = serverSide().stats();
        // a second of I/O time costs a billion here: any nanosecond shows
        assertThat(serverSide().cost().value()).isGreaterThan((stats.bytesReceived() + stats.bytesSent()) * BYTE + 1);
    }

    @Test
    void aMessageThatIsNotJsonCostsElevenTimesTheBase() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(0).build());
        try (RawPeer peer = RawPeer.connect(server.services().get(0))) {
            peer.writeLine("{not json");
            assertThat(peer.readJson().get("error").get("code").asInt()).isEqualTo(JsonRpc.PARSE_ERROR);
            SessionStats stats = serverSide().stats();
            assertThat(serverSide().cost().value())
                    .isCloseTo(1100 + (stats.bytesReceived() + stats.bytesSent()) * BYTE, within(1e-9));
            // a batch of bad members costs once, as in aiorpcX
            peer.writeLine("[1,2,3]");
            assertThat(peer.readJson()).hasSize(3);
            stats = serverSide().stats();
            assertThat(serverSide().cost().value())
                    .isCloseTo(1200 + (stats.bytesReceived() + stats.bytesSent()) * BYTE, within(1e-9));
        }
    }

    @Test
    void costDecaysPerSecondOnTheMonotonicClock() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(1000).build());
        connect();
        SessionCost cost = serverSide().cost();
        long before = System.nanoTime();
        cost.bump(600);
        double value = cost.value();
        double elapsed = (System.nanoTime() - before) / 1e9;
        assertThat(value).isLessThanOrEqualTo(600).isGreaterThanOrEqualTo(600 - elapsed * 1000 - 1e-9);
        cost.setDecayPerSecond(1e15);   // the next reading decays everything
        assertThat(cost.value()).isZero();
        cost.bump(-5);
        assertThat(cost.value()).isZero();   // never negative
    }

    @Test
    void pastTheSoftLimitRequestsSleepAndConcurrencyShrinks() throws Exception {
        start(SessionOptions.builder().costSoftLimit(1000).costHardLimit(3000).costDecayPerSecond(0)
                .costSleep(Duration.ofMillis(2000)).build());
        RpcSession client = connect();
        RpcSession session = serverSide();
        assertThat(session.incomingConcurrency().target()).isEqualTo(20);
        assertThat(client.request("onVirtualThread").asBoolean()).isFalse();   // inline: on the I/O thread

        session.cost().bump(2000);   // half-way from soft to hard
        assertThat(session.cost().throttle()).isCloseTo(0.5, within(0.01));
        assertThat(session.incomingConcurrency().target()).isEqualTo(10);   // ceil(0.5 x 20)
        long start = System.nanoTime();
        assertThat(client.request("echo", "slow").asText()).isEqualTo("slow");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        // throttled, an inline method takes the normal path so that the delay applies
        assertThat(client.request("onVirtualThread").asBoolean()).isTrue();

        session.cost().bump(500);   // 3/4 of the way
        assertThat(session.incomingConcurrency().target()).isEqualTo(5);

        // retargeting: the base concurrency and the limits change while the session runs
        session.cost().setConcurrencyTarget(8);
        assertThat(session.incomingConcurrency().target()).isEqualTo(2);   // ceil(0.25 x 8)
        session.cost().setLimits(5000, 10000);
        assertThat(session.cost().throttle()).isZero();
        assertThat(session.incomingConcurrency().target()).isEqualTo(8);
        start = System.nanoTime();
        assertThat(client.request("onVirtualThread").asBoolean()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void concurrencyRecoversAsCostDecays() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(0).build());
        connect();
        SessionCost cost = serverSide().cost();
        cost.bump(8000);   // 3/4 from 2,000 to 10,000
        assertThat(serverSide().incomingConcurrency().target()).isEqualTo(5);
        cost.setDecayPerSecond(1e15);
        assertThat(cost.value()).isZero();
        assertThat(serverSide().incomingConcurrency().target()).isEqualTo(20);
        assertThat(cost.throttle()).isZero();
    }

    @Test
    void extraCostCountsForThrottlingButNotInTheSessionsOwnCost() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(0).build());
        connect();
        SessionCost cost = serverSide().cost();
        cost.setExtraCost(() -> 6000);
        assertThat(cost.throttle()).isCloseTo(0.5, within(0.01));
        assertThat(serverSide().incomingConcurrency().target()).isEqualTo(10);
        assertThat(cost.value()).isLessThan(1);
        cost.setExtraCost(() -> -1000);
        cost.bump(2500);
        assertThat(cost.throttle()).isZero();
    }

    @Test
    void atTheHardLimitARequestIsAnswered101WithDataAndTheSessionCloses() throws Exception {
        start(SessionOptions.builder().costDecayPerSecond(1).build());
        RpcSession client = connect();
        assertThat(client.request("echo", 1).asInt()).isEqualTo(1);
        serverSide().cost().bump(10_050);
        assertThat(serverSide().cost().isExcessive()).isTrue();
        assertThatThrownBy(() -> client.request("echo", 2)).isInstanceOfSatisfying(RpcError.class, e -> {
            assertThat(e.code()).isEqualTo(JsonRpc.EXCESSIVE_RESOURCE_USAGE);
            assertThat(e.message()).isEqualTo("excessive resource usage");
            JsonNode data = e.data();
            assertThat(data).isNotNull();
            assertThat(data.get("hard_limit").asLong()).isEqualTo(10_000);
            assertThat(data.get("cost").asLong()).isBetween(10_000L, 10_051L);
            // (cost - soft) / decay: about 8,000 seconds at 1 per second
            assertThat(data.get("retry_after").asDouble()).isBetween(7_990.0, 8_051.0);
        });
        client.closed().get(20, TimeUnit.SECONDS);
        assertThat(exceeded.get()).isEqualTo(1);
    }

    @Test
    void aHardLimitOfZeroDisablesThrottling() throws Exception {
        start(SessionOptions.builder().costHardLimit(0).build());
        RpcSession client = connect();
        serverSide().cost().bump(1e9);
        assertThat(serverSide().cost().throttle()).isZero();
        assertThat(client.request("echo", "fine").asText()).isEqualTo("fine");
    }

    @Test
    void clientSessionsHaveNoHardLimitUnlessOneIsSet() {
        start(SessionOptions.defaults());
        RpcSession client = connect();
        assertThat(client.cost().hardLimit()).isZero();
        client.cost().bump(1e6);
        assertThat(client.cost().isExcessive()).isFalse();
        RpcSession limited = RpcClient.builder().options(SessionOptions.builder().costHardLimit(5000).build())
                .build().connect(server.services().get(0));
        clients.add(limited);
        assertThat(limited.cost().hardLimit()).isEqualTo(5000);
    }

    @Test
    void theRequestThatCrossesTheHardLimitInABacklogIsRefusedToo() throws Exception {
        start(SessionOptions.builder().maxConcurrent(1).costDecayPerSecond(0).costSleep(Duration.ZERO).build());
        RpcSession client = connect();
        CompletableFuture<JsonNode> first = client.requestAsync("wait");
        CompletableFuture<JsonNode> queued = client.requestAsync("slowEcho", "late");
        RpcSession session = serverSide();
        assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();   // the first runs
        while (session.backlog() == 0) {
            Thread.onSpinWait();   // the queued request reaches the server's backlog
        }
        session.cost().bump(20_000);
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).asText()).isEqualTo("released");
        assertThat(queued).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(RpcError.class,
                        e -> assertThat(e.code()).isEqualTo(JsonRpc.EXCESSIVE_RESOURCE_USAGE));
        client.closed().get(20, TimeUnit.SECONDS);
    }
}
