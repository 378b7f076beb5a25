package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.JsonRpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client session facing a server that sends garbage: it answers what the protocol answers, keeps
 * its pending requests, and gets the real response afterwards.
 */
@Timeout(60)
class HostileServerTest {
    private ServerSocket listener;
    private RpcSession client;
    private RawPeer server;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(RawPeer.READ_TIMEOUT_MILLIS);
    }

    private void connect(SessionOptions options) throws IOException {
        client = RpcClient.builder().options(options).build()
                .connect("tcp://127.0.0.1:" + listener.getLocalPort());
        server = new RawPeer(listener.accept());
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.abort();
        }
        if (client != null) {
            client.abort();
        }
        listener.close();
    }

    /** A request the client sent: its future, and its id as the raw server read it. */
    private record Sent(CompletableFuture<JsonNode> future, JsonNode id) {
        String result() throws Exception {
            return future.get(20, TimeUnit.SECONDS).asText();
        }
    }

    /** Connects with {@code options}, sends an echo request and reads it on the raw server. */
    private Sent connectAndRequest(SessionOptions options) throws IOException {
        connect(options);
        return request("real");
    }

    private Sent request(String message) {
        CompletableFuture<JsonNode> future = client.requestAsync("echo", message);
        JsonNode request = server.readJson();
        assertThat(request.path("method").asText()).isEqualTo("echo");
        return new Sent(future, request.path("id"));
    }

    private void respond(JsonNode id, String result) {
        server.writeLine("{\"jsonrpc\":\"2.0\",\"result\":\"" + result + "\",\"id\":" + id + "}");
    }

    private void assertRoundTrip(String message) throws Exception {
        Sent sent = request(message);
        respond(sent.id(), message);
        assertThat(sent.result()).isEqualTo(message);
    }

    @Test
    void garbageFromTheServerLeavesPendingRequestsPending() throws Exception {
        Sent pending = connectAndRequest(SessionOptions.defaults());
        server.writeLine("{\"jsonrpc\":\"2.0\",\"result\":\"stray\",\"id\":999999}");
        server.writeLine("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"your fault\"},\"id\":null}");
        server.writeLine("{\"jsonrpc\": \"2.0\", \"result\": ");
        server.write(new byte[] {'"', (byte) 0xff, '"', '\n'});
        server.write(new byte[] {'\n'});
        server.writeLine("   ");
        // the parse errors are the client's answers to the garbage, in order, so the lines before them
        // have been taken in too
        String parseError = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"invalid JSON\"},\"id\":null}";
        assertThat(server.readJson()).isEqualTo(RawPeer.JSON.readTree(parseError));
        assertThat(server.readJson()).isEqualTo(RawPeer.JSON.readTree(
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"messages must be encoded in UTF-8\"},\"id\":null}"));
        assertThat(server.readJson()).isEqualTo(RawPeer.JSON.readTree(parseError));
        assertThat(server.readJson()).isEqualTo(RawPeer.JSON.readTree(parseError));
        assertThat(pending.future()).isNotDone();
        assertThat(client.pendingRequests()).isEqualTo(1);
        assertThat(client.stats().errors()).as("each of the six bad lines").isEqualTo(6);
        respond(pending.id(), "real");
        assertThat(pending.result()).isEqualTo("real");
        assertThat(client.pendingRequests()).isZero();
        assertRoundTrip("still working");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void oversizedMessageFromTheServerIsDroppedAndThePendingRequestStillAnswered() throws Exception {
        Sent pending = connectAndRequest(SessionOptions.builder().framing(Framing.newline(1000)).build());
        // an oversized response carrying the pending request's id: dropped, so the request waits on
        respond(pending.id(), "x".repeat(2000));
        byte[] huge = new byte[4 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        server.write(huge);
        server.write("\n".getBytes(StandardCharsets.US_ASCII));
        respond(pending.id(), "real");
        assertThat(pending.result()).isEqualTo("real");
        assertThat(client.stats().errors()).isEqualTo(2);
        assertRoundTrip("still working");
    }

    @Test
    void requestsFromTheServerForUnknownMethodsGetAnErrorAndTheClientGoesOn() throws Exception {
        Sent pending = connectAndRequest(SessionOptions.defaults());
        server.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"whatever\",\"params\":[],\"id\":\"s1\"}");
        JsonNode reply = server.readJson();
        assertThat(reply.path("id").asText()).isEqualTo("s1");
        assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        respond(pending.id(), "real");
        assertThat(pending.result()).isEqualTo("real");
        assertRoundTrip("still working");
    }
}
