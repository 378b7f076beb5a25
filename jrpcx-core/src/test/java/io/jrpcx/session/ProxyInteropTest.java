package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.net.Service;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksProtocol;
import io.jrpcx.socks.SocksProxy;
import io.jrpcx.socks.testing.RealProxy;
import io.jrpcx.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * JSON-RPC sessions through every real proxy on loopback, with every protocol each speaks: requests,
 * named arguments, errors, batches, notifications and server-to-client requests; wrong credentials are
 * one clear line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProxyInteropTest {
    private final LinkedBlockingQueue<String> notes = new LinkedBlockingQueue<>();
    private RpcServer server;
    private Service target;

    @BeforeAll
    void startServer() {
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .method("echo", Signature.of("message"), (s, p) -> p.get(0))
                .method("fail", Signature.of("code", "message"), (s, p) -> {
                    throw new RpcError(p.getInt("code"), p.getString("message"));
                })
                .method("note", Signature.of("text"), (s, p) -> {
                    notes.add(p.getString("text"));
                    return null;
                })
                .method("call_me_back", Signature.of("x"), (s, p) -> s.request("twice", p.get(0)))
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").handler(RpcHandler.of(methods)).start();
        target = server.services().get(0);
    }

    @AfterAll
    void stopServer() {
        server.close(Duration.ZERO);
    }

    private void exchange(SocksProxy proxy) throws Exception {
        MethodTable<RpcSession> clientMethods = MethodTable.builder(RpcSession.class)
                .method("twice", Signature.of("x"), (s, p) -> p.getLong("x") * 2)
                .build();
        RpcClient client = RpcClient.builder().proxy(proxy).handler(RpcHandler.of(clientMethods)).build();
        try (RpcSession session = client.connect(target)) {
            // the session names the destination as its peer, and the proxy apart
            assertThat(session.remoteAddress()).isEqualTo(
                    java.net.InetSocketAddress.createUnresolved(target.host().toString(), target.port()));
            assertThat(session.proxyAddress()).contains(
                    new java.net.InetSocketAddress(proxy.address().host().toString(), proxy.address().port()));
            assertThat(session.request("echo", "through " + proxy.protocol()).asText()).isEqualTo("through " + proxy.protocol());
            assertThat(session.request("echo", Arguments.named(Map.of("message", "named"))).asText()).isEqualTo("named");
            assertThatThrownBy(() -> session.request("fail", 42, "no"))
                    .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(42));
            List<Item> replies = session.sendBatch(new Batch(List.of(
                    new Request("echo", Arguments.of(1)), new Notification("note", Arguments.of("in a batch")),
                    new Request("nope", Arguments.none()))));
            assertThat(((Response) replies.get(0)).result().asInt()).isEqualTo(1);
            assertThat(((RpcError) replies.get(1)).code()).isEqualTo(-32601);
            session.sendNotification("note", proxy.protocol().toString());
            // notifications are handled each on its own thread: in either order
            assertThat(java.util.Arrays.asList(notes.poll(20, TimeUnit.SECONDS), notes.poll(20, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("in a batch", proxy.protocol().toString());
            assertThat(session.request("call_me_back", 21).asInt()).isEqualTo(42);
        }
    }

    private void everyProtocol(RealProxy real, SocksAuth auth) throws Exception {
        for (SocksProtocol protocol : real.speaks()) {
            exchange(SocksProxy.of(real.address(), protocol, protocol == SocksProtocol.SOCKS5 ? auth : SocksAuth.none()));
            exchange(SocksProxy.builder(real.address()).protocol(protocol)
                    .auth(protocol == SocksProtocol.SOCKS5 ? auth : SocksAuth.none())
                    .resolution(SocksProxy.Resolution.LOCAL).build());
        }
    }

    @Test
    void dante() throws Exception {
        try (RealProxy dante = RealProxy.dante(false)) {
            everyProtocol(dante, SocksAuth.none());
        }
    }

    @Test
    void danteWithAnAccount() throws Exception {
        try (RealProxy dante = RealProxy.dante(true)) {
            exchange(SocksProxy.of(dante.address(), SocksProtocol.SOCKS5, RealProxy.DANTE_ACCOUNT));
            SocksProxy wrong = SocksProxy.of(dante.address(), SocksProtocol.SOCKS5, SocksAuth.user("jrpcxsocks", "wrong"));
            assertThatThrownBy(() -> RpcClient.builder().proxy(wrong).build().connect(target))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot connect to " + target.address() + " through ")
                    .hasMessageNotContaining("wrong");   // the password never shows
        }
    }

    @Test
    void microsocks() throws Exception {
        try (RealProxy micro = RealProxy.microsocks(null)) {
            everyProtocol(micro, SocksAuth.none());
        }
        SocksAuth.User user = SocksAuth.user("jrpcx", "micro-pw");
        try (RealProxy micro = RealProxy.microsocks(user)) {
            everyProtocol(micro, user);
        }
    }

    @Test
    void sshDynamicForwarding() throws Exception {
        try (RealProxy ssh = RealProxy.sshDynamic()) {
            try {
                everyProtocol(ssh, SocksAuth.none());
            } catch (TransportException e) {
                throw new AssertionError(e.getMessage() + "\nwhat ssh and sshd said:\n" + ssh.output(), e);
            }
        }
    }

    @Test
    void tlsAndWebSocketSessionsGoThroughAProxyToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        io.jrpcx.transport.TestCertificates certs = io.jrpcx.transport.TestCertificates.in(dir);
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .method("echo", Signature.of("message"), (s, p) -> p.get(0)).build();
        try (RealProxy micro = RealProxy.microsocks(null);
                RpcServer secure = RpcServer.builder().listen("tls://localhost:0").listen("ws://127.0.0.1:0")
                        .listen("wss://localhost:0").tls(certs.server("server")).handler(RpcHandler.of(methods)).start()) {
            SocksProxy proxy = SocksProxy.of(micro.address(), SocksProtocol.SOCKS5, SocksAuth.none());
            RpcClient client = RpcClient.builder().proxy(proxy).tls(certs.client()).build();
            for (Service service : secure.services()) {
                try (RpcSession session = client.connect(service)) {
                    assertThat(session.request("echo", service.protocol()).asText()).isEqualTo(service.protocol());
                    assertThat(session.proxyAddress()).isPresent();
                }
            }
        }
    }

    @Test
    void aProxyThatIsNotThereIsOneClearLine() throws IOException {
        int port = RealProxy.freePort();
        SocksProxy nobody = SocksProxy.of(io.jrpcx.net.NetAddress.of("127.0.0.1", port), SocksProtocol.SOCKS5, SocksAuth.none());
        assertThatThrownBy(() -> RpcClient.builder().proxy(nobody).build().connect(target))
                .isInstanceOf(TransportException.class)
                .hasMessageEndingWith("Connection refused");
    }
}
