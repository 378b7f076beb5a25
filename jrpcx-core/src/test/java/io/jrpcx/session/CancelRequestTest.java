package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancellation over the wire, LSP's way ({@link JsonRpcOptions#cancelRequests()}): a client that gives
 * up a call sends {@code $/cancelRequest}; the server interrupts the handler and answers -32800.
 */
@Timeout(30)
class CancelRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Notification> serverNotifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> clientReceived = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> clientSent = new LinkedBlockingQueue<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private RpcServer server;

    private RpcSession connect(boolean serverCancels, boolean clientCancels, SessionOptions serverOptions) {
        server = RpcServer.builder()
                .listen("tcp://127.0.0.1:0")
                .options(serverOptions)
                .rpcOptions(JsonRpcOptions.builder().cancelRequests(serverCancels).build())
                .handler((session, item) -> {
                    if (item instanceof Notification n) {
                        serverNotifications.add(n);
                        return null;
                    }
                    Request r = (Request) item;
                    String tag = r.args().node().path(0).asText();
                    started.add(tag);
                    if (r.method().equals("fast")) {
                        return tag;
                    }
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.add(tag);
                        throw e;
                    }
                    return "unreachable";
                })
                .start();
        return RpcClient.builder()
                .rpcOptions(JsonRpcOptions.builder().cancelRequests(clientCancels).build())
                .listener(new SessionListener() {
                    @Override
                    public void messageContent(Session session, byte[] message, boolean incoming) {
                        try {
                            (incoming ? clientReceived : clientSent).add(JSON.readTree(message));
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                })
                .build()
                .connect(server.services().getFirst());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue, java.util.function.Predicate<JsonNode> test)
            throws InterruptedException {
        while (true) {
            JsonNode m = queue.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("an expected message").isNotNull();
            if (test.test(m)) {
                return m;
            }
        }
    }

    private static boolean isCancel(JsonNode m) {
        return JsonRpc.CANCEL_REQUEST.equals(m.path("method").asText());
    }

    @Test
    void cancellingAFutureSendsCancelRequestAndTheServerInterruptsAndAnswersRequestCancelled() throws Exception {
        RpcSession client = connect(true, true, SessionOptions.defaults());
        CompletableFuture<JsonNode> call = client.requestAsync("slow", Arguments.of("a"));
        assertThat(started.poll(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(call.cancel(false)).isTrue();
        JsonNode cancel = next(clientSent, CancelRequestTest::isCancel);
        JsonNode id = cancel.path("params").path("id");
        assertThat(interrupted.poll(10, TimeUnit.SECONDS)).isEqualTo("a");
        JsonNode answer = next(clientReceived, m -> m.path("id").equals(id));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(JsonRpc.REQUEST_CANCELLED);
        assertThat(answer.path("error").path("message").asText()).isEqualTo("Request cancelled");
        // the session goes on, and the cancel never reached the handler
        assertThat(client.request("fast", "b").asText()).isEqualTo("b");
        assertThat(serverNotifications).isEmpty();
        // exactly one answer for the cancelled id, expected: not counted as an error
        client.request("fast", "c");
        assertThat(clientReceived.stream().filter(m -> m.path("id").equals(id))).isEmpty();
        assertThat(client.stats().errors()).isZero();
    }

    @Test
    void aTimedOutCallIsCancelledAtTheServerToo() throws Exception {
        RpcSession client = connect(true, true, SessionOptions.defaults());
        assertThatThrownBy(() -> client.request("slow", Arguments.of("t"), Duration.ofMillis(200)))
                .isInstanceOf(RequestTimeoutException.class);
        assertThat(interrupted.poll(10, TimeUnit.SECONDS)).isEqualTo("t");
        next(clientReceived, m -> m.path("error").path("code").asInt() == JsonRpc.REQUEST_CANCELLED);
        client.request("fast", "after");
        assertThat(client.stats().errors()).isZero();
    }

    @Test
    void aRequestCancelledWhileItWaitsForAHandlerIsAnsweredWithoutRunning() throws Exception {
        RpcSession client = connect(true, true, SessionOptions.builder().maxConcurrent(1).build());
        CompletableFuture<JsonNode> first = client.requestAsync("slow", Arguments.of("first"));
        assertThat(started.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
        CompletableFuture<JsonNode> second = client.requestAsync("fast", Arguments.of("second"));
        second.cancel(false);
        next(clientReceived, m -> m.path("error").path("code").asInt() == JsonRpc.REQUEST_CANCELLED);
        first.cancel(false);
        assertThat(interrupted.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(client.request("fast", "third").asText()).isEqualTo("third");
        assertThat(started).containsExactly("third");   // "second" never ran
    }

    @Test
    void unknownIdsAndAnsweredRequestsAreIgnored() throws Exception {
        RpcSession client = connect(true, false, SessionOptions.defaults());
        client.sendNotification(JsonRpc.CANCEL_REQUEST, Arguments.named(Map.of("id", 12345)));
        client.sendNotification(JsonRpc.CANCEL_REQUEST, Arguments.named(Map.of("id", 0)));   // sent before request 0 exists
        assertThat(client.request("fast", "x").asText()).isEqualTo("x");
        client.sendNotification(JsonRpc.CANCEL_REQUEST, Arguments.named(Map.of("id", 1)));   // already answered
        client.sendNotification(JsonRpc.CANCEL_REQUEST, Arguments.of("nonsense"));
        assertThat(client.request("fast", "y").asText()).isEqualTo("y");
        assertThat(clientReceived.stream().filter(m -> m.has("error"))).isEmpty();
        assertThat(serverNotifications).isEmpty();
    }

    @Test
    void withoutTheOptionNothingIsSentAndCancelRequestIsAPlainNotification() throws Exception {
        RpcSession client = connect(false, false, SessionOptions.defaults());
        CompletableFuture<JsonNode> call = client.requestAsync("slow", Arguments.of("p"));
        assertThat(started.poll(10, TimeUnit.SECONDS)).isEqualTo("p");
        call.cancel(false);
        client.sendNotification(JsonRpc.CANCEL_REQUEST, Arguments.named(Map.of("id", 0)));
        Notification n = serverNotifications.poll(10, TimeUnit.SECONDS);
        assertThat(n).isNotNull();
        assertThat(n.method()).isEqualTo(JsonRpc.CANCEL_REQUEST);
        assertThat(interrupted).isEmpty();
        assertThat(clientSent.stream().filter(CancelRequestTest::isCancel)).hasSize(1);   // only the one sent by hand
    }
}
