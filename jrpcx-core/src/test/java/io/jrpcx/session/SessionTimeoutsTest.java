package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Processing and sent-request timeouts, built on {@link io.jrpcx.concurrent.Timeouts}. */
@Timeout(60)
class SessionTimeoutsTest {
    private final CountDownLatch never = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private RpcServer server;

    private RpcSession start(SessionOptions serverOptions, SessionOptions clientOptions) {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .method("hang", Signature.of(), (s, p) -> {
                    started.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "never";
                })
                .method("echo", Signature.of("message"), (s, p) -> p.get("message"))
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .options(serverOptions).handler(RpcHandler.of(table)).start();
        return RpcClient.builder().options(clientOptions).build().connect(server.services().get(0));
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.close(Duration.ZERO);
    }

    @Test
    void aHandlerPastTheProcessingTimeoutIsInterruptedAndAnsweredServerBusy() throws InterruptedException {
        SessionOptions quick = SessionOptions.builder().processingTimeout(Duration.ofMillis(200)).build();
        try (RpcSession client = start(quick, SessionOptions.defaults())) {
            assertThatThrownBy(() -> client.request("hang"))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(JsonRpc.SERVER_BUSY);
                        assertThat(e.message()).isEqualTo("server busy - request timed out");
                    });
            assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(client.request("echo", "alive").asText()).isEqualTo("alive");
        }
    }

    @Test
    void aRequestUnansweredPastTheSentRequestTimeoutThrowsRequestTimeout() {
        SessionOptions impatient = SessionOptions.builder().sentRequestTimeout(Duration.ofMillis(200)).build();
        try (RpcSession client = start(SessionOptions.defaults(), impatient)) {
            assertThatThrownBy(() -> client.request("hang"))
                    .isInstanceOfSatisfying(RequestTimeoutException.class,
                            e -> assertThat(e).hasMessage("no response to 'hang' within 200 ms"));
            assertThat(client.request("echo", "alive").asText()).isEqualTo("alive");
        }
    }

    @Test
    void closingTheConnectionCancelsRunningHandlers() throws InterruptedException {
        RpcSession client = start(SessionOptions.defaults(), SessionOptions.defaults());
        client.requestAsync("hang");
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        client.abort();
        assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
    }
}
