package io.jrpcx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.examples.callback.CallbackClient;
import io.jrpcx.examples.callback.CallbackServer;
import io.jrpcx.examples.callback.Greeter;
import io.jrpcx.examples.echo.EchoClient;
import io.jrpcx.examples.echo.EchoServer;
import io.jrpcx.examples.headers.Header;
import io.jrpcx.examples.headers.HeadersClient;
import io.jrpcx.examples.headers.HeadersServer;
import io.jrpcx.examples.wallet.WalletClient;
import io.jrpcx.examples.wallet.WalletServer;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each example against its server on loopback. */
@Timeout(60)
class ExamplesTest {

    @Test
    void echo() {
        RpcServer server = EchoServer.start("tcp://127.0.0.1:0");
        try {
            assertThat(EchoClient.echo(server.services().get(0).toString(), "hello")).isEqualTo("hello");
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void walletThroughTheSameInterfaceOnBothSides() throws Exception {
        WalletServer wallet = new WalletServer(Map.of("alice", new BigDecimal("10.00"), "bob", new BigDecimal("1.00")));
        RpcServer server = WalletServer.start("tcp://127.0.0.1:0", wallet);
        try {
            assertThat(WalletClient.run(server.services().get(0).toString())).containsExactly(
                    "alice has 10.00",
                    "paid bob 2.50 at 2030-01-01T00:00:00Z",
                    "history [Payment[to=bob, amount=2.50, at=2030-01-01T00:00:00Z]]",
                    "error -32001 no such account {\"account\":\"carol\"}");
            assertThat(wallet.notes().poll(20, TimeUnit.SECONDS)).isEqualTo("alice paid bob");
            assertThat(wallet.balance("bob")).isEqualByComparingTo("3.50");
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void aServerThatCallsItsClients() throws Exception {
        RpcServer server = CallbackServer.start("tcp://127.0.0.1:0");
        CallbackClient alice = new CallbackClient("alice");
        CallbackClient bob = new CallbackClient("bob");
        String url = server.services().get(0).toString();
        try (RpcSession a = alice.connect(url); RpcSession b = bob.connect(url)) {
            assertThat(a.proxy(Greeter.class).greet()).isEqualTo("hello, alice");
            assertThat(b.proxy(Greeter.class).greet()).isEqualTo("hello, bob");
            CallbackServer.tellEveryone(server, "news");
            assertThat(alice.told().poll(20, TimeUnit.SECONDS)).isEqualTo("news");
            assertThat(bob.told().poll(20, TimeUnit.SECONDS)).isEqualTo("news");
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void headerSubscriptions() throws Exception {
        HeadersServer headers = new HeadersServer(new Header(0, "00"));
        RpcServer server = headers.start("tcp://127.0.0.1:0");
        String url = server.services().get(0).toString();
        HeadersClient first = new HeadersClient();
        HeadersClient second = new HeadersClient();
        try (RpcSession a = first.subscribe(url)) {
            assertThat(first.tips().poll(20, TimeUnit.SECONDS)).isEqualTo(new Header(0, "00"));
            headers.newTip(new Header(1, "01"));
            assertThat(first.tips().poll(20, TimeUnit.SECONDS)).isEqualTo(new Header(1, "01"));
            try (RpcSession b = second.subscribe(url)) {
                assertThat(second.tips().poll(20, TimeUnit.SECONDS)).isEqualTo(new Header(1, "01"));
                headers.newTip(new Header(2, "02"));
                assertThat(first.tips().poll(20, TimeUnit.SECONDS)).isEqualTo(new Header(2, "02"));
                assertThat(second.tips().poll(20, TimeUnit.SECONDS)).isEqualTo(new Header(2, "02"));
                assertThat(headers.subscribers()).isEqualTo(2);
            }
            // the closed session leaves the subscribers; the other still hears
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (headers.subscribers() != 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(headers.subscribers()).isEqualTo(1);
            headers.newTip(new Header(3, "03"));
            assertThat(first.tips().poll(20, TimeUnit.SECONDS)).isEqualTo(new Header(3, "03"));
            assertThat(second.tips()).isEmpty();
        } finally {
            server.close(Duration.ZERO);
        }
    }
}
