package io.jrpcx.jsonrpc;

import static io.jrpcx.jsonrpc.JsonAssert.assertSame;
import static io.jrpcx.jsonrpc.JsonAssert.assertSameMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the reference corpus (recorded from the Python reference implementation by
 * {@code src/test/python/gen_corpus.py}) through jrpcx and compares. Where the reference breaks the
 * JSON-RPC specification, jrpcx follows the specification; those entries are checked against jrpcx's
 * own rule, see {@link #deviation}.
 */
class ReferenceCorpusTest {

    static List<JsonNode> load(String name) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        try (InputStream in = ReferenceCorpusTest.class.getResourceAsStream("/jsonrpc/" + name);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    entries.add(JsonAssert.read(line));
                }
            }
        }
        return entries;
    }

    private static byte[] input(JsonNode entry) {
        return Base64.getDecoder().decode(entry.get("b64").textValue());
    }

    private static String label(JsonNode entry) {
        JsonNode text = entry.get("text");
        String shown = text.isNull() ? "b64:" + entry.get("b64").textValue() : text.textValue();
        if (shown.length() > 120) {
            shown = shown.substring(0, 120) + "...";
        }
        return entry.get("protocol").textValue() + " " + shown;
    }

    /**
     * Where jrpcx deliberately differs from the reference, the outcome jrpcx gives instead; null where it
     * matches. (1) Input nested deeper than the reference can parse, where it goes silent: a parse error
     * answered with id null. (2) {@code NaN} and {@code Infinity} literals, which are not JSON: a parse
     * error answered with id null.
     */
    static String deviation(JsonNode entry) {
        String text = entry.get("text").isNull() ? "" : entry.get("text").textValue();
        if (entry.path("outcome").path("kind").asText().equals("silent") || entry.path("silent").asBoolean()) {
            return "parse-error";
        }
        if (text.contains("NaN") || text.contains("Infinity")) {
            return "parse-error";
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> messageToItem() throws IOException {
        return load("corpus-messages.jsonl").stream().map(e -> DynamicTest.dynamicTest(label(e), () -> checkMessage(e)));
    }

    private static void checkMessage(JsonNode entry) {
        JsonRpcProtocol protocol = JsonRpc.byName(entry.get("protocol").textValue());
        byte[] bytes = input(entry);
        JsonNode expected = entry.get("outcome");
        Decoded decoded;
        try {
            JsonNode payload = protocol.parse(bytes);
            JsonRpcProtocol used = protocol.detect(payload);
            if (entry.has("detected")) {
                assertThat(used.name()).as("detected protocol").isEqualTo(entry.get("detected").textValue());
            }
            decoded = used.decode(payload);
        } catch (ProtocolError e) {
            checkProtocolError(entry, protocol, e, expected);
            return;
        }
        if (deviation(entry) != null) {
            fail("expected a parse error, got " + decoded);
        }
        String kind = expected.get("kind").textValue();
        switch (decoded) {
            case Decoded.BatchPayload b -> {
                assertThat(kind).isEqualTo("batch");
                assertThat(b.elements()).hasSize(expected.get("size").intValue());
            }
            case Decoded.Single s -> {
                switch (s.item()) {
                    case Request r -> {
                        assertThat(kind).isEqualTo("request");
                        assertThat(r.method()).isEqualTo(expected.get("method").textValue());
                        assertSame("args", r.args().node(), expected.get("args"));
                        assertSame("id", s.id().toJson(), expected.get("id"));
                    }
                    case Notification n -> {
                        assertThat(kind).isEqualTo("notification");
                        assertThat(n.method()).isEqualTo(expected.get("method").textValue());
                        assertSame("args", n.args().node(), expected.get("args"));
                    }
                    case Response r -> {
                        assertThat(kind).isEqualTo("response");
                        assertSame("result", r.result(), expected.get("result"));
                        assertSame("id", s.id().toJson(), expected.get("id"));
                    }
                    case RpcError e -> {
                        assertThat(kind).isEqualTo("error_response");
                        assertThat(e.code()).isEqualTo(expected.get("code").intValue());
                        assertThat(e.message()).isEqualTo(expected.get("message").textValue());
                        assertSame("id", s.id().toJson(), expected.get("id"));
                    }
                    case Batch b -> fail("unexpected batch item " + b);
                }
            }
        }
    }

    private static void checkProtocolError(JsonNode entry, JsonRpcProtocol protocol, ProtocolError e, JsonNode expected) {
        if (deviation(entry) != null) {
            assertThat(e.code()).isEqualTo(JsonRpc.PARSE_ERROR);
            assertThat(e.message()).isEqualTo("invalid JSON");
            assertThat(e.responseId()).isEqualTo(RequestId.nullId());
            return;
        }
        assertThat(expected.get("kind").textValue()).as("outcome kind; jrpcx threw " + e).isEqualTo("protocol_error");
        assertThat(e.code()).isEqualTo(expected.get("code").intValue());
        assertThat(e.message()).isEqualTo(expected.get("message").textValue());
        JsonNode reply = expected.get("reply");
        if (reply.isNull()) {
            assertThat(e.isAnswered()).as("answered").isFalse();
        } else {
            assertThat(e.isAnswered()).as("answered").isTrue();
            JsonRpcProtocol replyProtocol = protocol;
            try {
                replyProtocol = protocol.detect(protocol.parse(input(entry)));
            } catch (ProtocolError ignored) {
                // unparseable: the protocol itself answers
            }
            assertSameMessage("error reply", replyProtocol.errorMessage(e, e.responseId()), reply.textValue());
        }
        JsonNode responseId = expected.get("response_id");
        if (responseId.isNull()) {
            assertThat(e.responseTo().isAbsent()).as("not about a response").isTrue();
        } else {
            assertThat(e.responseTo().isAbsent()).as("about a response").isFalse();
            assertSame("response id", e.responseTo().toJson(), responseId.get("v"));
        }
    }

    @TestFactory
    Stream<DynamicTest> connection() throws IOException {
        return load("corpus-connection.jsonl").stream().map(e -> DynamicTest.dynamicTest(label(e), () -> checkConnection(e)));
    }

    private static void checkConnection(JsonNode entry) throws Exception {
        JsonRpcProtocol protocol = JsonRpc.byName(entry.get("protocol").textValue());
        JsonRpcConnection conn = new JsonRpcConnection(protocol);
        List<CompletableFuture<?>> futures = new ArrayList<>();
        futures.add(conn.sendRequest(new Request("a", Arguments.none())).response());
        futures.add(conn.sendRequest(new Request("b", Arguments.none())).response());
        if (protocol.allowsBatches()) {
            futures.add(conn.sendBatch(new Batch(List.of(new Request("c", Arguments.none()),
                    new Request("d", Arguments.none())))).responses());
        }
        JsonRpcConnection.Received received = conn.receiveMessage(input(entry));
        List<byte[]> replies = new ArrayList<>(received.replies());

        String deviation = deviation(entry);
        if (deviation != null) {
            assertThat(received.incoming()).isEmpty();
            assertThat(received.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(JsonRpc.PARSE_ERROR);
                assertThat(e.message()).isEqualTo("invalid JSON");
            });
            assertThat(replies).hasSize(1);
            assertThat(JsonAssert.read(replies.get(0)).get("id").isNull()).isTrue();
            return;
        }

        JsonNode error = entry.get("error");
        if (error != null) {
            if (error.get("code").intValue() == 0) {
                assertThat(received.errors()).as("member errors").isNotEmpty();
            } else {
                assertThat(received.errors()).as("errors").anySatisfy(e -> {
                    assertThat(e.code()).isEqualTo(error.get("code").intValue());
                    assertThat(e.message()).isEqualTo(error.get("message").textValue());
                });
            }
        } else if (entry.has("crash")) {
            // The reference crashes on a response batch it cannot match; jrpcx reports a protocol error.
            assertThat(received.errors()).isNotEmpty();
        }

        JsonNode items = entry.get("items");
        assertThat(received.incoming()).as("incoming").hasSize(items.size());
        boolean requests = false;
        for (int i = 0; i < items.size(); i++) {
            JsonNode expected = items.get(i);
            JsonRpcConnection.Incoming in = received.incoming().get(i);
            String kind = expected.get("kind").textValue();
            requests |= kind.equals("request");
            switch (in.item()) {
                case Request r -> {
                    assertThat(kind).isEqualTo("request");
                    assertThat(r.method()).isEqualTo(expected.get("method").textValue());
                    assertSame("args", r.args().node(), expected.get("args"));
                }
                case Notification n -> {
                    assertThat(kind).isEqualTo("notification");
                    assertThat(n.method()).isEqualTo(expected.get("method").textValue());
                }
                default -> fail("unexpected incoming " + in.item());
            }
        }
        for (int i = 0; i < items.size(); i++) {
            byte[] reply = received.incoming().get(i).complete(com.fasterxml.jackson.databind.node.TextNode.valueOf("r" + i));
            if (reply != null) {
                replies.add(reply);
            }
        }
        JsonNode expectedReplies = entry.get("replies");
        if (!requests && items.size() > 0 && expectedReplies.isEmpty() && !received.errors().isEmpty()) {
            // The reference drops the error responses of a batch that has notifications but no requests;
            // jrpcx answers them, as the specification requires.
            assertThat(replies).hasSize(1);
            assertThat(JsonAssert.read(replies.get(0)).isArray()).isTrue();
        } else {
            assertThat(replies).as("replies").hasSize(expectedReplies.size());
            for (int i = 0; i < replies.size(); i++) {
                assertSameMessage("reply " + i, replies.get(i), expectedReplies.get(i).textValue());
            }
        }

        JsonNode pending = entry.get("pending");
        for (int i = 0; i < pending.size(); i++) {
            checkFuture(i, futures.get(i), pending.get(i), entry);
        }
        if (entry.has("detected") && !entry.get("detected").isNull()) {
            assertThat(conn.protocol().name()).isEqualTo(entry.get("detected").textValue());
        }
    }

    private static void checkFuture(int i, CompletableFuture<?> future, JsonNode expected, JsonNode entry)
            throws InterruptedException {
        String state = expected.get("state").textValue();
        String what = "future " + i;
        switch (state) {
            case "pending" -> {
                if (entry.has("error") && i == 2 && future.isDone()) {
                    // The reference leaves a batch pending when one of its responses is ill-formed; jrpcx
                    // completes it, the ill-formed member's entry being the protocol error.
                    return;
                }
                assertThat(future.isDone()).as(what + " pending").isFalse();
            }
            case "failed" -> {
                assertThat(future.isCompletedExceptionally()).as(what + " failed").isTrue();
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RpcError error = (RpcError) e.getCause();
                    assertThat(error.code()).isEqualTo(expected.get("code").intValue());
                    assertThat(error.message()).isEqualTo(expected.get("message").textValue());
                    assertThat(error instanceof ProtocolError).isEqualTo(expected.get("protocol_error").booleanValue());
                }
            }
            case "done" -> {
                assertThat(future.isDone() && !future.isCompletedExceptionally()).as(what + " done").isTrue();
                Object value = future.join();
                if (expected.has("results")) {
                    @SuppressWarnings("unchecked")
                    List<Item> results = (List<Item>) value;
                    JsonNode expectedResults = expected.get("results");
                    assertThat(results).hasSize(expectedResults.size());
                    for (int k = 0; k < results.size(); k++) {
                        JsonNode x = expectedResults.get(k);
                        if (x.has("result")) {
                            assertThat(results.get(k)).isInstanceOf(Response.class);
                            assertSame("batch result", ((Response) results.get(k)).result(), x.get("result"));
                        } else {
                            assertThat(results.get(k)).isInstanceOf(RpcError.class);
                            assertThat(((RpcError) results.get(k)).code()).isEqualTo(x.get("code").intValue());
                            assertThat(((RpcError) results.get(k)).message()).isEqualTo(x.get("message").textValue());
                        }
                    }
                } else {
                    assertSame("result", (JsonNode) value, expected.get("result"));
                }
            }
            default -> fail("unknown state " + state);
        }
    }
}
