package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The message size and response size limits at N and N+1, and what an oversized message costs. */
@Timeout(60)
class MessageLimitsTest {
    private final CompletableFuture<RpcSession> serverSession = new CompletableFuture<>();
    private RpcServer server;
    private RawPeer peer;

    private void start(SessionOptions options, JsonRpcOptions rpcOptions) {
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").options(options).rpcOptions(rpcOptions)
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .inlineMethod("echo", Signature.of("message"), (s, p) -> p.get(0))
                        .inlineMethod("repeat", Signature.of("n"), (s, p) -> "x".repeat(p.get(0).asInt()))
                        .build()))
                .onOpen(serverSession::complete)
                .start();
        peer = RawPeer.connect(server.services().get(0));
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    private static String echoOf(int id, int length) {
        String head = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":" + id + ",\"params\":[\"";
        String tail = "\"]}";
        return head + "x".repeat(length - head.length() - tail.length()) + tail;
    }

    @Test
    void aMessageOfNBytesIsServedAndOneOfNPlusOneIsDroppedCostedAndTheStreamResynchronised() throws Exception {
        int n = 1000;
        start(SessionOptions.builder().framing(Framing.newline(n)).costDecayPerSecond(0).build(), JsonRpcOptions.defaults());
        String atLimit = echoOf(1, n);
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(n);
        peer.writeLine(atLimit);
        assertThat(peer.readJson().get("id").asInt()).isEqualTo(1);
        peer.writeLine(echoOf(2, n + 1));
        peer.writeLine(echoOf(3, 100));
        JsonNode next = peer.readJson();
        assertThat(next.get("id").asInt()).as("the oversized message gets no answer").isEqualTo(3);
        RpcSession session = serverSession.get(20, TimeUnit.SECONDS);
        SessionStats stats = session.stats();
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(session.cost().value()).isBetween(100.0, 100.1);
    }

    @Test
    void aResponseOfNBytesIsSentAndOneOfNPlusOneBecomesAnError() {
        start(SessionOptions.defaults(), JsonRpcOptions.defaults());
        peer.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"repeat\",\"id\":1,\"params\":[500]}");
        String line = peer.readLine();
        int n = line.getBytes(StandardCharsets.UTF_8).length;   // the size of a 500-character answer
        stop();
        start(SessionOptions.defaults(), JsonRpcOptions.builder().maxResponseSize(n).build());
        peer.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"repeat\",\"id\":1,\"params\":[500]}");
        assertThat(peer.readJson().get("result").asText()).hasSize(500);
        peer.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"repeat\",\"id\":2,\"params\":[501]}");
        JsonNode over = peer.readJson();
        assertThat(over.get("error").get("message").asText()).contains("response too large");
        // a batch reply counts whole: two answers that fit alone do not fit together
        peer.writeLine("[{\"jsonrpc\":\"2.0\",\"method\":\"repeat\",\"id\":3,\"params\":[300]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"repeat\",\"id\":4,\"params\":[300]}]");
        JsonNode batch = peer.readJson();
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).get("result").asText()).hasSize(300);
        assertThat(batch.get(1).get("error").get("message").asText()).contains("response too large");
    }
}
