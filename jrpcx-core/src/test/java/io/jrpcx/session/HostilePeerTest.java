package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server facing peers that send what they should not. For each kind of bad input: the peer gets the
 * right error response (or nothing, where the protocol has no answer), the same connection then still
 * serves a valid request, and a well-behaved connection opened before the bad input keeps working.
 */
@Timeout(60)
class HostilePeerTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<RawPeer> peers = new ArrayList<>();
    private RpcServer server;
    private RawPeer good;

    private MethodTable<RpcSession> methods() {
        return MethodTable.builder(RpcSession.class)
                .method("echo", Signature.of("message"), (s, p) -> p.get("message"))
                .inlineMethod("echoInline", Signature.of("message"), (s, p) -> p.get("message"))
                .method("boom", Signature.of(), (s, p) -> {
                    throw new IllegalStateException("handler bug");
                })
                .method("nan", Signature.of(), (s, p) -> Double.NaN)
                .method("infinity", Signature.of(), (s, p) -> Double.POSITIVE_INFINITY)
                .method("awaitRelease", Signature.of(), (s, p) -> {
                    release.await();
                    return "released";
                })
                .build();
    }

    /** Starts the server and the well-behaved connection, and checks that connection works. */
    private void start(SessionOptions options) {
        server = RpcServer.builder()
                .listen("tcp://127.0.0.1:0")
                .options(options)
                .handler(RpcHandler.of(methods()))
                .start();
        good = connect();
        assertServes(good);
    }

    private void start() {
        start(SessionOptions.defaults());
    }

    private RawPeer connect() {
        RawPeer peer = RawPeer.connect(server.services().get(0));
        peers.add(peer);
        return peer;
    }

    @AfterEach
    void stop() {
        release.countDown();
        peers.forEach(RawPeer::abort);
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    // ---- helpers ----

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + id + "}";
    }

    private static byte[] line(String json) {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return RawPeer.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode error(int code, String message, String id) {
        return json("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":"
                + RawPeer.JSON.valueToTree(message) + "},\"id\":" + id + "}");
    }

    /**
     * Sends a request and checks that the very next line is its response: the connection works and
     * nothing unanswered was queued before it.
     */
    private static void assertServes(RawPeer peer) {
        int id = peer.newId();
        peer.writeLine(request(id, "echoInline", "[\"ping " + id + "\"]"));
        assertThat(peer.readJson()).isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":\"ping " + id + "\",\"id\":" + id + "}"));
    }

    /**
     * Writes {@code bad} followed by a valid request, and returns the {@code replies} lines answering
     * the bad input (in the order they came), once the valid request's response has come too.
     */
    private static List<JsonNode> exchange(RawPeer peer, byte[] bad, int replies) {
        int id = peer.newId();
        byte[] after = line(request(id, "echo", "[\"after\"]"));
        byte[] both = Arrays.copyOf(bad, bad.length + after.length);
        System.arraycopy(after, 0, both, bad.length, after.length);
        peer.write(both);
        List<JsonNode> received = new ArrayList<>();
        boolean answered = false;
        while (!answered || received.size() < replies) {
            JsonNode reply = peer.readJson();
            if (reply.path("id").isInt() && reply.path("id").asInt() == id) {
                assertThat(reply).isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":\"after\",\"id\":" + id + "}"));
                answered = true;
            } else {
                received.add(reply);
                assertThat(received).as("replies to the bad input").hasSizeLessThanOrEqualTo(replies);
            }
        }
        return received;
    }

    /** The bad input, then the checks every case shares. */
    private List<JsonNode> assertSurvives(byte[] bad, int replies) {
        RawPeer peer = connect();
        assertServes(peer);
        List<JsonNode> received = exchange(peer, bad, replies);
        assertServes(peer);
        assertServes(good);
        return received;
    }

    private JsonNode assertSurvivesWithOneReply(byte[] bad) {
        return assertSurvives(bad, 1).get(0);
    }

    private RpcSession serverSessionOf(RawPeer peer) {
        return server.sessions().stream()
                .filter(s -> peer.localAddress().equals(s.remoteAddress()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server session for " + peer.localAddress()));
    }

    // ---- malformed messages ----

    @Test
    void invalidJsonGetsAParseError() {
        start();
        assertThat(assertSurvivesWithOneReply(line("{\"jsonrpc\": \"2.0\", \"method\": ")))
                .isEqualTo(error(JsonRpc.PARSE_ERROR, "invalid JSON", "null"));
    }

    @Test
    void invalidUtf8GetsAParseError() {
        start();
        byte[] bad = {'"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '"', '\n'};
        assertThat(assertSurvivesWithOneReply(bad))
                .isEqualTo(error(JsonRpc.PARSE_ERROR, "messages must be encoded in UTF-8", "null"));
    }

    @Test
    void emptyLineGetsAParseError() {
        start();
        assertThat(assertSurvivesWithOneReply(new byte[] {'\n'}))
                .isEqualTo(error(JsonRpc.PARSE_ERROR, "invalid JSON", "null"));
    }

    @Test
    void lineOfSpacesGetsAParseError() {
        start();
        assertThat(assertSurvivesWithOneReply("        \n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(error(JsonRpc.PARSE_ERROR, "invalid JSON", "null"));
    }

    @Test
    void deepNestingGetsAParseErrorWithoutBlowingTheStack() {
        start();
        byte[] bad = new byte[100_001];
        Arrays.fill(bad, (byte) '[');
        bad[bad.length - 1] = '\n';
        JsonNode reply = assertSurvivesWithOneReply(bad);
        assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(reply.path("id").isNull()).isTrue();
    }

    // ---- framing limits ----

    @Test
    void messageOverTheFramingLimitIsDroppedAndCounted() {
        start(SessionOptions.builder().framing(Framing.newline(1000)).build());
        RawPeer peer = connect();
        assertServes(peer);
        String oversized = request(peer.newId(), "echo", "[\"" + "x".repeat(2000) + "\"]");
        assertThat(exchange(peer, line(oversized), 0)).isEmpty();
        assertServes(peer);
        assertThat(serverSessionOf(peer).stats().errors()).isEqualTo(1);
        assertServes(good);
        assertThat(serverSessionOf(good).stats().errors()).isZero();
    }

    @Test
    void hugeUnterminatedLineIsDiscardedAndTheNextRequestServed() {
        start();
        RawPeer peer = connect();
        assertServes(peer);
        // 8 MB without a newline, written in pieces as a slow peer would: the framer drops the message
        // at the 1 MB limit and discards the rest without buffering it
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        chunk[0] = '"';
        for (int i = 0; i < 128; i++) {
            peer.write(chunk);
            chunk[0] = 'x';
        }
        assertThat(exchange(peer, new byte[] {'"', '\n'}, 0)).isEmpty();
        assertServes(peer);
        assertThat(serverSessionOf(peer).stats().errors()).isEqualTo(1);
        assertServes(good);
    }

    // ---- batches ----

    @Test
    void batchOfAThousandMixedMembersIsAnsweredMemberByMember() {
        // 200 unknown methods cost 100 each, as in aiorpcX: far past the default hard limit; this test is about
        // the batch's answer, so the session is not cost-limited (SessionCostTest covers that)
        start(SessionOptions.builder().costHardLimit(0).build());
        List<String> members = new ArrayList<>();
        Map<Integer, JsonNode> expected = new HashMap<>();
        int invalid = 0;
        for (int i = 0; i < 1000; i++) {
            switch (i % 5) {
                case 0 -> {
                    members.add(request(i, "echo", "[" + i + "]"));
                    expected.put(i, json("{\"jsonrpc\":\"2.0\",\"result\":" + i + ",\"id\":" + i + "}"));
                }
                case 1 -> {
                    members.add(request(i, "nope", "[]"));
                    expected.put(i, error(JsonRpc.METHOD_NOT_FOUND, "unknown method \"nope\"", String.valueOf(i)));
                }
                case 2 -> {
                    members.add(String.valueOf(i));
                    invalid++;
                }
                case 3 -> members.add("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"note\"]}");
                default -> {
                    members.add("{\"jsonrpc\":\"1.0\",\"method\":\"echo\",\"id\":" + i + "}");
                    expected.put(i, error(JsonRpc.INVALID_REQUEST, "\"jsonrpc\" is not \"2.0\"", String.valueOf(i)));
                }
            }
        }
        JsonNode reply = assertSurvivesWithOneReply(line("[" + String.join(",", members) + "]"));
        assertThat(reply.isArray()).isTrue();
        assertThat(reply).hasSize(expected.size() + invalid);
        JsonNode notAnObject = error(JsonRpc.INVALID_REQUEST, "request object must be a dictionary", "null");
        for (JsonNode member : (ArrayNode) reply) {
            if (member.path("id").isNull()) {
                assertThat(member).isEqualTo(notAnObject);
                invalid--;
            } else {
                assertThat(member).isEqualTo(expected.remove(member.path("id").asInt()));
            }
        }
        assertThat(invalid).isZero();
        assertThat(expected).isEmpty();
    }

    // ---- responses nobody asked for ----

    @Test
    void responseToARequestNeverSentIsIgnoredAndCounted() {
        start();
        RawPeer peer = connect();
        assertServes(peer);
        assertThat(exchange(peer, line("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":999}"), 0)).isEmpty();
        assertServes(peer);
        assertThat(serverSessionOf(peer).stats().errors()).isEqualTo(1);
        assertServes(good);
    }

    @Test
    void errorResponseWithNullIdIsIgnoredAndCounted() {
        start();
        RawPeer peer = connect();
        assertServes(peer);
        byte[] bad = line("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"your fault\"},\"id\":null}");
        assertThat(exchange(peer, bad, 0)).isEmpty();
        assertServes(peer);
        assertThat(serverSessionOf(peer).stats().errors()).isEqualTo(1);
        assertServes(good);
    }

    // ---- requests that fail ----

    @Test
    void unknownMethodGetsMethodNotFound() {
        start();
        assertThat(assertSurvivesWithOneReply(line(request(7, "nope", "[]"))))
                .isEqualTo(error(JsonRpc.METHOD_NOT_FOUND, "unknown method \"nope\"", "7"));
    }

    @Test
    void wrongArityGetsInvalidParams() {
        start();
        assertThat(assertSurvivesWithOneReply(line(request(7, "echo", "[1, 2]"))))
                .isEqualTo(error(JsonRpc.INVALID_PARAMS, "2 arguments passed to method echo taking at most 1", "7"));
    }

    @Test
    void handlerThatThrowsGetsAnInternalError() {
        start();
        assertThat(assertSurvivesWithOneReply(line(request(7, "boom", "[]"))))
                .isEqualTo(error(JsonRpc.INTERNAL_ERROR, "internal server error", "7"));
    }

    @Test
    void nonFiniteResultsGetAnInternalErrorNotInvalidJson() {
        start();
        List<JsonNode> replies = assertSurvives(
                line("[" + request(7, "nan", "[]") + "]" + "\n" + request(8, "infinity", "[]")), 2);
        assertThat(replies).containsExactlyInAnyOrder(
                json("[" + error(JsonRpc.INTERNAL_ERROR, "internal server error", "7") + "]"),
                error(JsonRpc.INTERNAL_ERROR, "internal server error", "8"));
    }

    // ---- misbehaving sockets ----

    @Test
    void halfClosedPeerStillGetsItsResponses() {
        start();
        RawPeer peer = connect();
        assertServes(peer);
        RpcSession serverSide = serverSessionOf(peer);
        peer.write(line(request(1, "awaitRelease", "[]") + "\n" + request(2, "echo", "[\"two\"]")));
        peer.shutdownOutput();
        // the blocked handler is let go once the server has seen the end of input, or after a while
        // (the server may have seen it and stayed open; either way it must then answer both requests)
        CompletableFuture.anyOf(serverSide.closed(),
                        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)))
                .thenRun(release::countDown);
        List<JsonNode> replies = new ArrayList<>();
        String reply;
        while ((reply = peer.readLineOrEof()) != null) {
            replies.add(json(reply));
        }
        assertThat(replies).containsExactlyInAnyOrder(
                json("{\"jsonrpc\":\"2.0\",\"result\":\"released\",\"id\":1}"),
                json("{\"jsonrpc\":\"2.0\",\"result\":\"two\",\"id\":2}"));
        assertServes(good);
    }

    @Test
    void peerThatNeverReadsDoesNotHoldUpOthers() throws Exception {
        start();
        RawPeer hog = connect();
        assertServes(hog);
        String payload = "y".repeat(1000);
        byte[] requests = line(request(1, "echoInline", "[\"" + payload + "\"]"));
        int total = 4 * 1024 * 1024;
        CountDownLatch oneMegabyteWritten = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int written = 0; written < total; written += requests.length) {
                    hog.socket().getOutputStream().write(requests);
                    if (written >= 1024 * 1024) {
                        oneMegabyteWritten.countDown();
                    }
                }
            } catch (IOException e) {
                // aborted at the end of the test while blocked: expected when the server stops reading
            } finally {
                oneMegabyteWritten.countDown();
            }
        });
        assertThat(oneMegabyteWritten.await(20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 50; i++) {
            long startNanos = System.nanoTime();
            assertServes(good);
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(10));
        }
        RawPeer late = connect();
        assertServes(late);
        hog.abort();
        writer.handle((v, e) -> null).get(20, TimeUnit.SECONDS);
        assertServes(good);
        assertServes(late);
    }

    @Test
    void peerThatNeverReadsIsNotReadWithoutBound() throws Exception {
        start();
        RawPeer hog = connect();
        assertServes(hog);
        RpcSession serverSide = serverSessionOf(hog);
        byte[] requests = line(request(1, "echoInline", "[\"" + "z".repeat(1000) + "\"]"));
        long total = 32L * 1024 * 1024;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (long written = 0; written < total; written += requests.length) {
                    hog.socket().getOutputStream().write(requests);
                }
            } catch (IOException e) {
                // aborted at the end of the test while blocked
            }
        });
        // with back-pressure the writer blocks once the socket buffers and the server's high-water mark are
        // full, a few MB at most; without it the server reads (and answers into memory) all 32 MB
        try {
            writer.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException expected) {
            // blocked, as it should be
        }
        assertThat(serverSide.stats().bytesReceived()).isLessThan(16L * 1024 * 1024);
        hog.abort();
        assertServes(good);
    }
}
