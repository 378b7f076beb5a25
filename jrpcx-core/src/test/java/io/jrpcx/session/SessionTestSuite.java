package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.ReplyAndDisconnect;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every transport must give sessions. Each transport's test class extends this and says
 * how to start a server and connect a client.
 */
@Timeout(60)
public abstract class SessionTestSuite {
    protected final BlockingQueue<Item> notifications = new LinkedBlockingQueue<>();
    protected final CountDownLatch blockForever = new CountDownLatch(1);
    protected final CountDownLatch sleeperStarted = new CountDownLatch(1);
    protected RpcServer server;
    protected final List<RpcSession> clients = new ArrayList<>();

    /** Starts a server with the given options and handler. */
    protected abstract RpcServer startServer(SessionOptions options, RpcHandler handler);

    /** Connects a client to {@code server}. */
    protected abstract RpcSession connect(RpcServer server, SessionOptions options, RpcHandler handler);

    protected RpcHandler serverHandler() {
        return (session, item) -> switch (item) {
            case Request r -> switch (r.method()) {
                case "echo" -> r.args().node().get(0);
                case "named" -> r.args().node().get("x");
                case "fail" -> throw new RpcError(r.args().node().get(0).asInt(), r.args().node().get(1).asText());
                case "crash" -> throw new IllegalStateException("boom");
                case "bye" -> throw new ReplyAndDisconnect("bye");
                case "block" -> {
                    sleeperStarted.countDown();
                    blockForever.await();
                    yield "unblocked";
                }
                case "call_me_back" -> session.request("client_method", r.args());
                default -> throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method");
            };
            case Notification n -> {
                notifications.add(n);
                yield null;
            }
            default -> throw new IllegalArgumentException();
        };
    }

    protected RpcHandler clientHandler() {
        return (session, item) -> item instanceof Request r && r.method().equals("client_method")
                ? "client got " + r.args().node()
                : null;
    }

    @BeforeEach
    void start() {
        server = startServer(SessionOptions.defaults(), serverHandler());
    }

    @AfterEach
    void stop() {
        blockForever.countDown();
        clients.forEach(RpcSession::abort);
        server.close(Duration.ZERO);
    }

    protected RpcSession client() {
        RpcSession session = connect(server, SessionOptions.defaults(), clientHandler());
        clients.add(session);
        return session;
    }

    @Test
    void requestGetsItsResult() {
        assertThat(client().request("echo", "hello").asText()).isEqualTo("hello");
    }

    @Test
    void namedArgumentsReachTheHandler() {
        JsonNode result = client().request("named", Arguments.named(java.util.Map.of("x", 42)));
        assertThat(result.asInt()).isEqualTo(42);
    }

    @Test
    void errorResponseRaisesRpcErrorWithCodeAndMessage() {
        assertThatThrownBy(() -> client().request("fail", 7, "seven"))
                .isInstanceOf(RpcError.class)
                .satisfies(e -> {
                    assertThat(((RpcError) e).code()).isEqualTo(7);
                    assertThat(((RpcError) e).message()).isEqualTo("seven");
                });
    }

    @Test
    void handlerExceptionBecomesInternalError() {
        RpcSession client = client();
        assertThatThrownBy(() -> client.request("crash"))
                .isInstanceOf(RpcError.class)
                .satisfies(e -> assertThat(((RpcError) e).code()).isEqualTo(JsonRpc.INTERNAL_ERROR));
        assertThat(client.request("echo", 1).asInt()).isEqualTo(1);
    }

    @Test
    void manyConcurrentAsyncRequestsAllComplete() {
        RpcSession client = client();
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(client.requestAsync("echo", i));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).join().asInt()).isEqualTo(i);
        }
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void batchResultsComeInRequestOrder() {
        List<Item> results = client().sendBatch(new Batch(List.of(
                new Request("echo", Arguments.of("a")),
                new Notification("note", Arguments.of("in batch")),
                new Request("fail", Arguments.of(5, "five")),
                new Request("echo", Arguments.of("c")))));
        assertThat(results).hasSize(3);
        assertThat(((Response) results.get(0)).result().asText()).isEqualTo("a");
        assertThat(((RpcError) results.get(1)).code()).isEqualTo(5);
        assertThat(((Response) results.get(2)).result().asText()).isEqualTo("c");
    }

    @Test
    void notificationReachesTheServer() throws InterruptedException {
        client().sendNotification("note", "hi");
        Item item = notifications.poll(20, TimeUnit.SECONDS);
        assertThat(item).isInstanceOf(Notification.class);
        assertThat(((Notification) item).args().node().get(0).asText()).isEqualTo("hi");
    }

    @Test
    void serverCanCallItsClientOnTheSameConnection() {
        assertThat(client().request("call_me_back", 1, 2).asText()).isEqualTo("client got [1,2]");
    }

    @Test
    void replyAndDisconnectRepliesThenCloses() {
        RpcSession client = client();
        assertThat(client.request("bye").asText()).isEqualTo("bye");
        client.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void pendingRequestsFailWithConnectionLostWhenThePeerGoes() throws InterruptedException {
        RpcSession client = client();
        CompletableFuture<JsonNode> pending = client.requestAsync("block");
        assertThat(sleeperStarted.await(20, TimeUnit.SECONDS)).isTrue();
        server.sessions().forEach(RpcSession::abort);
        assertThatThrownBy(pending::join).hasCauseInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(() -> client.request("echo", 1)).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void closingAServerSessionInterruptsItsHandlers() throws InterruptedException {
        RpcSession client = client();
        client.requestAsync("block");
        assertThat(sleeperStarted.await(20, TimeUnit.SECONDS)).isTrue();
        RpcSession serverSide = server.sessions().iterator().next();
        serverSide.close(Duration.ofSeconds(5));
        assertThat(serverSide.isOpen()).isFalse();
        client.closed().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void statsCountMessagesAndBytesBothWays() {
        RpcSession client = client();
        client.request("echo", "x");
        client.sendNotification("note");
        SessionStats stats = client.stats();
        assertThat(stats.messagesSent()).isEqualTo(2);
        assertThat(stats.messagesReceived()).isEqualTo(1);
        assertThat(stats.bytesSent()).isGreaterThan(40);
        assertThat(stats.bytesReceived()).isGreaterThan(20);
        assertThat(stats.lastSend()).isPresent();
        assertThat(stats.lastReceive()).isPresent();
    }

    @Test
    void oneClientsFailureDoesNotDisturbAnother() {
        RpcSession a = client();
        RpcSession b = client();
        a.abort();
        a.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(b.request("echo", "still here").asText()).isEqualTo("still here");
    }

    @Test
    void serverSeesItsSessionsOpenAndClose() {
        RpcSession client = client();
        client.request("echo", 1);
        assertThat(server.sessions()).hasSize(1);
        client.close(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.sessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.sessions()).isEmpty();
    }
}
