package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jrpcx.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class JsonRpcConnectionTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] b) {
        return JsonRpc.V2.parse(b);
    }

    @Test
    void idsAreCountedPerConnection() {
        JsonRpcConnection a = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection b = new JsonRpcConnection(JsonRpc.V2);
        assertThat(json(a.sendRequest(new Request("m", Arguments.none())).message()).get("id").intValue()).isZero();
        assertThat(json(a.sendRequest(new Request("m", Arguments.none())).message()).get("id").intValue()).isEqualTo(1);
        JsonRpcConnection.OutgoingBatch batch = a.sendBatch(new Batch(List.of(new Request("x", Arguments.none()),
                new Notification("n", Arguments.none()), new Request("y", Arguments.none()))));
        assertThat(s(batch.message())).contains("\"id\":2").contains("\"id\":3");
        assertThat(json(b.sendRequest(new Request("m", Arguments.none())).message()).get("id").intValue()).isZero();
        assertThat(a.pendingRequestCount()).isEqualTo(3);
    }

    @Test
    void responsesCompleteTheirRequests() throws Exception {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        var ok = conn.sendRequest(new Request("a", Arguments.none()));
        var failed = conn.sendRequest(new Request("b", Arguments.none()));
        assertThat(conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"result\":[1,2],\"id\":0}")).errors()).isEmpty();
        assertThat(ok.response().get().toString()).isEqualTo("[1,2]");
        conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-7,\"message\":\"nope\"},\"id\":1}"));
        assertThatThrownBy(() -> failed.response().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RpcError.class, e -> {
                    assertThat(e.code()).isEqualTo(-7);
                    assertThat(e.message()).isEqualTo("nope");
                });
        assertThat(conn.pendingRequestCount()).isZero();
    }

    @Test
    void aResponseToAnUnsentRequestIsReportedAndNothingCloses() throws Exception {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        var pending = conn.sendRequest(new Request("a", Arguments.none()));
        JsonRpcConnection.Received r = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":99}"));
        assertThat(r.replies()).isEmpty();
        assertThat(r.incoming()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(e.message()).isEqualTo("response to unsent request (ID: 99)");
            assertThat(e.isAnswered()).isFalse();
        });
        assertThat(pending.response()).isNotDone();
        conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":0}"));
        assertThat(pending.response().get().intValue()).isEqualTo(5);
        assertThat(conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"m\"},\"id\":null}"))
                .errors().get(0).message()).isEqualTo("diagnostic error received: (1, 'm')");
    }

    @Test
    void anIllFormedResponseFailsItsRequest() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        var pending = conn.sendRequest(new Request("a", Arguments.none()));
        JsonRpcConnection.Received r = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"error\":\"bad\",\"id\":0}"));
        assertThat(r.errors()).isEmpty();
        assertThatThrownBy(() -> pending.response().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ProtocolError.class).hasMessage("ill-formed response error object: bad");
    }

    @Test
    void batchResultsFollowRequestOrderWhateverTheAnswerOrder() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.OutgoingBatch batch = conn.sendBatch(new Batch(List.of(new Request("x", Arguments.none()),
                new Request("y", Arguments.none()), new Request("z", Arguments.none()))));
        JsonRpcConnection.Received r = conn.receiveMessage(b("[{\"jsonrpc\":\"2.0\",\"result\":\"Z\",\"id\":2},"
                + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"Y\"},\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"result\":\"X\",\"id\":0}]"));
        assertThat(r.errors()).isEmpty();
        List<Item> results = batch.responses().join();
        assertThat(results.get(0)).isEqualTo(new Response(TextNode.valueOf("X")));
        assertThat(((RpcError) results.get(1)).message()).isEqualTo("Y");
        assertThat(results.get(2)).isEqualTo(new Response(TextNode.valueOf("Z")));
        assertThat(conn.pendingRequestCount()).isZero();
    }

    @Test
    void aBatchResponseMustAnswerExactlyAPendingBatch() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.OutgoingBatch batch = conn.sendBatch(new Batch(List.of(new Request("x", Arguments.none()),
                new Request("y", Arguments.none()))));
        JsonRpcConnection.Received r = conn.receiveMessage(b("[{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":0}]"));
        assertThat(r.errors()).extracting(RpcError::message).containsExactly("response to unsent batch");
        assertThat(batch.responses()).isNotDone();
    }

    @Test
    void aBatchOfNotificationsCompletesAtOnce() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.OutgoingBatch batch = conn.sendBatch(new Batch(List.of(new Notification("n", Arguments.none()))));
        assertThat(batch.responses().join()).isEmpty();
        assertThat(conn.pendingRequestCount()).isZero();
        assertThatThrownBy(() -> new JsonRpcConnection(JsonRpc.V1).sendBatch(batch()))
                .isInstanceOfSatisfying(ProtocolError.class,
                        e -> assertThat(e.message()).isEqualTo("protocol does not permit batches"));
    }

    private static Batch batch() {
        return new Batch(List.of(new Request("x", Arguments.none())));
    }

    @Test
    void cancelPendingRequestsFailsEveryFuture() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        CompletableFuture<JsonNode> one = conn.sendRequest(new Request("a", Arguments.none())).response();
        CompletableFuture<JsonNode> two = conn.sendRequest(new Request("b", Arguments.none())).response();
        CompletableFuture<List<Item>> batch = conn.sendBatch(batch()).responses();
        IllegalStateException lost = new IllegalStateException("connection lost");
        conn.cancelPendingRequests(lost);
        for (CompletableFuture<?> f : List.of(one, two, batch)) {
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).cause().isSameAs(lost);
        }
        assertThat(conn.pendingRequestCount()).isZero();
        // a late response is now a response to an unsent request
        assertThat(conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":0}")).errors()).hasSize(1);
    }

    @Test
    void incomingRequestsAreAnsweredOnCompletion() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Received r = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hi\"],\"id\":\"s\"}"));
        assertThat(r.replies()).isEmpty();
        JsonRpcConnection.Incoming in = r.incoming().get(0);
        assertThat(in.item()).isEqualTo(new Request("echo", Arguments.of("hi")));
        assertThat(in.id()).isEqualTo(RequestId.of("s"));
        assertThat(s(in.complete("hi"))).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":\"s\"}");
        assertThatThrownBy(() -> in.complete("again")).isInstanceOf(IllegalStateException.class);

        JsonRpcConnection.Incoming note = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"n\"}")).incoming().get(0);
        assertThat(note.complete(new RpcError(1, "ignored"))).isNull();

        JsonRpcConnection.Incoming failing = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"f\",\"id\":3}")).incoming().get(0);
        assertThat(s(failing.complete(new RpcError(-1, "bad"))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"bad\"},\"id\":3}");
    }

    @Test
    void aResultJsonCannotExpressIsAnInternalError() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Incoming in = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"inf\",\"id\":9}")).incoming().get(0);
        assertThat(s(in.complete(Double.POSITIVE_INFINITY)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"internal server error\"},\"id\":9}");
    }

    @Test
    void anOversizedResponseIsReplacedByAnError() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        int exact = "{\"jsonrpc\":\"2.0\",\"result\":\"abc\",\"id\":1}".length();
        conn.setMaxResponseSize(exact);
        assertThat(s(conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1}")).incoming().get(0).complete("abc")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"abc\",\"id\":1}");
        conn.setMaxResponseSize(exact - 1);
        assertThat(s(conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1}")).incoming().get(0).complete("abc")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"response too large (over "
                        + (exact - 1) + " bytes\"},\"id\":1}");
        conn.setMaxResponseSize(60);
        JsonRpcConnection.Received batch = conn.receiveMessage(b("[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"b\",\"id\":2}]"));
        assertThat(batch.incoming().get(0).complete("a".repeat(5))).isNull();
        assertThat(s(batch.incoming().get(1).complete("b".repeat(50)))).isEqualTo(
                "[{\"jsonrpc\":\"2.0\",\"result\":\"aaaaa\",\"id\":1}, "
                        + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"response too large (over 60 bytes\"},\"id\":2}]");
        assertThatThrownBy(() -> conn.setMaxResponseSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A request batch of {@code n} requests with ids 1..n. */
    @Test
    void aBatchOfSimpleRequestsKeepsTheLengthLimit() {
        // members with params and long ids: the byte scanner reads such a batch, the limit applies as before
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        conn.setMaxBatchLength(3);
        JsonRpcConnection.Received atLimit = conn.receiveMessage(simpleBatch(3));
        assertThat(atLimit.incoming()).extracting(JsonRpcConnection.Incoming::id)
                .containsExactly(RequestId.of(4294967297L), RequestId.of(4294967298L), RequestId.of(4294967299L));
        JsonRpcConnection.Received over = conn.receiveMessage(simpleBatch(4));
        assertThat(over.incoming()).isEmpty();
        assertThat(json(over.replies().get(0)).get("error").get("message").textValue())
                .isEqualTo("batch too large (over 3 items)");
        assertThat(over.errors()).extracting(RpcError::code).containsExactly(JsonRpc.INVALID_REQUEST);
        // and the members are answered as one batch response, in the order they complete
        atLimit.incoming().get(2).complete("c");
        atLimit.incoming().get(0).complete("a");
        assertThat(s(atLimit.incoming().get(1).complete("b"))).isEqualTo(
                "[{\"jsonrpc\":\"2.0\",\"result\":\"c\",\"id\":4294967299}, "
                        + "{\"jsonrpc\":\"2.0\",\"result\":\"a\",\"id\":4294967297}, "
                        + "{\"jsonrpc\":\"2.0\",\"result\":\"b\",\"id\":4294967298}]");
    }

    private static byte[] simpleBatch(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            sb.append(i > 1 ? "," : "").append("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hi\"],\"id\":")
                    .append(4294967296L + i).append('}');
        }
        return b(sb.append(']').toString());
    }

    private static byte[] requestBatch(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            sb.append(i > 1 ? "," : "").append("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":").append(i).append('}');
        }
        return b(sb.append(']').toString());
    }

    @Test
    void theMaximumResponseSizeCapsAWholeBatchResponse() {
        // each response is {"jsonrpc":"2.0","result":"xxxxxxxxxx","id":N}: 42 bytes, 44 counted with its separator
        int member = "{\"jsonrpc\":\"2.0\",\"result\":\"xxxxxxxxxx\",\"id\":1}".length() + 2;
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        conn.setMaxResponseSize(3 * member);
        List<JsonRpcConnection.Incoming> in = conn.receiveMessage(requestBatch(5)).incoming();
        byte[] reply = null;
        for (JsonRpcConnection.Incoming i : in) {
            reply = i.complete("x".repeat(10));
        }
        JsonNode batch = json(reply);
        assertThat(batch).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode item = batch.get(i);
            assertThat(item.get("id").intValue()).isEqualTo(i + 1);
            if (i < 3) {
                assertThat(item.get("result").textValue()).isEqualTo("x".repeat(10));
            } else {
                assertThat(item.get("error").get("code").intValue()).isEqualTo(JsonRpc.INVALID_REQUEST);
                assertThat(item.get("error").get("message").textValue())
                        .isEqualTo("response too large (over " + 3 * member + " bytes");
            }
        }
        // the batch as sent is as long as the responses counted: at the limit exactly, nothing is replaced
        conn.setMaxResponseSize(5 * member);
        byte[] full = null;
        for (JsonRpcConnection.Incoming i : conn.receiveMessage(requestBatch(5)).incoming()) {
            full = i.complete("x".repeat(10));
        }
        assertThat(full).hasSize(5 * member);
        assertThat(s(full)).doesNotContain("too large");
        conn.setMaxResponseSize(5 * member - 1);
        for (JsonRpcConnection.Incoming i : conn.receiveMessage(requestBatch(5)).incoming()) {
            full = i.complete("x".repeat(10));
        }
        assertThat(json(full).get(4).path("error").path("message").textValue()).startsWith("response too large");
        assertThat(json(full).get(3).has("result")).isTrue();
    }

    @Test
    void theResponseTooLargeMessageGroupsDigitsAsTheReferenceDoes() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        conn.setMaxResponseSize(1_000_000);
        JsonRpcConnection.Incoming in = conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1}"))
                .incoming().get(0);
        assertThat(json(in.complete("y".repeat(1_000_000))).get("error").get("message").textValue())
                .isEqualTo("response too large (over 1,000,000 bytes");
    }

    @Test
    void aRequestBatchOverTheLengthLimitGetsOneErrorResponse() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        assertThat(conn.maxBatchLength()).isEqualTo(JsonRpcConnection.DEFAULT_MAX_BATCH_LENGTH).isEqualTo(1000);
        JsonRpcConnection.Received atLimit = conn.receiveMessage(requestBatch(1000));
        assertThat(atLimit.incoming()).hasSize(1000);
        assertThat(atLimit.replies()).isEmpty();
        JsonRpcConnection.Received over = conn.receiveMessage(requestBatch(1001));
        assertThat(over.incoming()).isEmpty();
        assertThat(over.replies()).hasSize(1);
        assertThat(s(over.replies().get(0))).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
                + "\"message\":\"batch too large (over 1,000 items)\"},\"id\":null}");
        assertThat(over.errors()).extracting(RpcError::code).containsExactly(JsonRpc.INVALID_REQUEST);
        conn.setMaxBatchLength(3);
        assertThat(conn.receiveMessage(requestBatch(3)).incoming()).hasSize(3);
        assertThat(json(conn.receiveMessage(requestBatch(4)).replies().get(0)).get("error").get("message").textValue())
                .isEqualTo("batch too large (over 3 items)");
        conn.setMaxBatchLength(0);
        assertThat(conn.receiveMessage(requestBatch(1001)).incoming()).hasSize(1001);
        assertThatThrownBy(() -> conn.setMaxBatchLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestBatchIsAnsweredWhenItsLastRequestCompletes() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Received r = conn.receiveMessage(b("[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}, 7, {\"jsonrpc\":\"2.0\",\"method\":\"b\",\"id\":2}]"));
        assertThat(r.incoming()).hasSize(3);
        assertThat(r.replies()).isEmpty();
        assertThat(r.errors()).extracting(RpcError::message).containsExactly("request object must be a dictionary");
        assertThat(r.incoming().get(2).complete("B")).isNull();
        assertThat(r.incoming().get(1).complete(null)).isNull();
        assertThat(s(r.incoming().get(0).complete("A"))).isEqualTo(
                "[{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"request object must be a dictionary\"},\"id\":null}, "
                        + "{\"jsonrpc\":\"2.0\",\"result\":\"B\",\"id\":2}, {\"jsonrpc\":\"2.0\",\"result\":\"A\",\"id\":1}]");
    }

    @Test
    void badMembersOfABatchWithoutRequestsAreAnsweredAtOnce() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Received onlyNotes = conn.receiveMessage(b("[{\"jsonrpc\":\"2.0\",\"method\":\"n\"}]"));
        assertThat(onlyNotes.replies()).isEmpty();
        assertThat(onlyNotes.incoming().get(0).complete(null)).isNull();
        JsonRpcConnection.Received mixed = conn.receiveMessage(b("[{\"jsonrpc\":\"2.0\",\"method\":\"n\"}, 5]"));
        assertThat(mixed.incoming()).hasSize(1);
        assertThat(mixed.replies()).singleElement().satisfies(reply -> assertThat(s(reply)).isEqualTo(
                "[{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"request object must be a dictionary\"},\"id\":null}]"));
    }

    @Test
    void badInputIsAnsweredAndTheConnectionGoesOn() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Received r = conn.receiveMessage(b("{bad"));
        assertThat(s(r.replies().get(0))).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"invalid JSON\"},\"id\":null}");
        JsonRpcConnection.Received deep = conn.receiveMessage(b("[".repeat(5000)));
        assertThat(json(deep.replies().get(0)).get("error").get("code").intValue()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1}")).incoming()).hasSize(1);
    }

    @Test
    void autoDetectionSwitchesOnTheFirstParsedMessage() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.AUTO);
        conn.receiveMessage(b("{bad"));
        assertThat(conn.protocol()).isSameAs(JsonRpc.AUTO);
        JsonRpcConnection.Received r = conn.receiveMessage(b("{\"jsonrpc\":\"1.0\",\"method\":\"echo\",\"params\":[\"x\"],\"id\":4}"));
        assertThat(conn.protocol()).isSameAs(JsonRpc.V1);
        assertThat(s(r.incoming().get(0).complete("x"))).isEqualTo("{\"result\":\"x\",\"error\":null,\"id\":4}");
        // the switch is permanent
        conn.receiveMessage(b("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"x\"],\"id\":5}"));
        assertThat(conn.protocol()).isSameAs(JsonRpc.V1);
    }

    @Test
    void integerResultsStayIntegers() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Incoming in = conn.receiveMessage(
                b("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,123456789012345678901234567890],\"id\":2}")).incoming().get(0);
        Request request = (Request) in.item();
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (JsonNode n : request.args().node()) {
            total = total.add(n.decimalValue());
        }
        assertThat(s(in.complete(Json.factory().numberNode(total.toBigIntegerExact()))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":123456789012345678901234567893,\"id\":2}");
    }
}
