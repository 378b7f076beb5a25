package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.ReplyAndDisconnect;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.Signature;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server built from a {@link MethodTable}: inline and blocking methods, reply-and-disconnect. */
@Timeout(60)
class MethodTableSessionTest {
    private RpcServer server;

    /** Reflected methods. */
    public static final class Reflected {
        @RpcMethod(inline = true)
        public String whereInline() {
            return Thread.currentThread().isVirtual() ? "virtual" : "io";
        }

        @RpcMethod
        public String whereBlocking() {
            return Thread.currentThread().isVirtual() ? "virtual" : "io";
        }

        @RpcMethod
        public String goodbye(RpcSession session) {
            throw new ReplyAndDisconnect("goodbye from " + session.id());
        }
    }

    private RpcSession start(MethodTable<RpcSession> table) {
        server = RpcServer.builder()
                .listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(table))
                .start();
        return RpcClient.builder().build().connect(server.services().get(0));
    }

    @AfterEach
    void stop() {
        server.close(Duration.ZERO);
    }

    @Test
    void inlineMethodsRunOnTheIoThreadAndOthersOnVirtualThreads() {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .inlineMethod("lambdaInline", Signature.of(), (s, p) -> Thread.currentThread().isVirtual() ? "virtual" : "io")
                .method("lambdaBlocking", Signature.of(), (s, p) -> Thread.currentThread().isVirtual() ? "virtual" : "io")
                .methods(new Reflected())
                .build();
        assertThat(table.isInline("lambdaInline")).isTrue();
        assertThat(table.isInline("whereInline")).isTrue();
        assertThat(table.isInline("whereBlocking")).isFalse();
        try (RpcSession client = start(table)) {
            assertThat(client.request("lambdaInline").asText()).isEqualTo("io");
            assertThat(client.request("whereInline").asText()).isEqualTo("io");
            assertThat(client.request("lambdaBlocking").asText()).isEqualTo("virtual");
            assertThat(client.request("whereBlocking").asText()).isEqualTo("virtual");
        }
    }

    @Test
    void replyAndDisconnectPassesThroughTheTableThenCloses() {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class).methods(new Reflected()).build();
        RpcSession client = start(table);
        assertThat(client.request("goodbye").asText()).startsWith("goodbye from ");
        client.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertThatThrownBy(() -> client.request("whereInline")).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void unknownMethodsAndBadArgumentsGetTheTablesErrors() {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .inlineMethod("echo", Signature.of("message"), (s, p) -> p.get("message"))
                .build();
        try (RpcSession client = start(table)) {
            assertThatThrownBy(() -> client.request("nope"))
                    .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.METHOD_NOT_FOUND));
            assertThatThrownBy(() -> client.request("echo"))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
                        assertThat(e.message()).contains("echo");
                    });
            assertThat(client.request("echo", "still fine").asText()).isEqualTo("still fine");
        }
    }
}
