package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.JsonRpcOptions;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The jrpcx client against the reference library's interop server (a Python script), over plain TCP;
 * each nested class runs the same checks over another transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaClientInteropTest {
    private PythonPeer server;
    private io.jrpcx.net.Service address;
    private InteropTransport transport;
    private java.nio.file.Path dir;

    /** The transport of this class's checks. */
    protected String transport() {
        return "tcp";
    }

    /** The client's WebSocket settings. */
    protected io.jrpcx.transport.WebSocketOptions webSocket() {
        return io.jrpcx.transport.WebSocketOptions.defaults();
    }
    private final List<String> served = new CopyOnWriteArrayList<>();
    private RpcSession session;

    @BeforeAll
    void startServer() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("jrpcx-interop");
        transport = InteropTransport.of(transport(), dir);
        server = PythonPeer.server("v2", transport.pythonServerArgs());
        address = server.awaitService(Duration.ofSeconds(30));
        if (transport.secure()) {
            // the certificate names localhost and 127.0.0.1; the server reports the address it bound
            address = address.withAddress(io.jrpcx.net.NetAddress.of("localhost", address.port()));
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void connect() {
        RpcHandler handler = (s, item) -> {
            Request r = (Request) item;
            served.add(r.method());
            return switch (r.method()) {
                case "client.greet" -> "hello " + r.args().node().path(0).asText();
                case "client.fail" -> throw new RpcError(-32001, "client says no");
                default -> throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method");
            };
        };
        session = RpcClient.builder()
                .rpcOptions(JsonRpcOptions.builder().protocol(JsonRpc.V2).build())
                .handler(handler)
                .connectTimeout(Duration.ofSeconds(10))
                .tls(transport.clientTls())
                .webSocket(webSocket())
                .build()
                .connect(address);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void requests() {
        assertThat(session.request("echo", "hello").textValue()).isEqualTo("hello");
        assertThat(session.request("sum", 1, 2, 3).intValue()).isEqualTo(6);
        assertThat(session.request("sum", 1, 2.5).doubleValue()).isEqualTo(3.5);
        JsonNode big = session.request("sum", new BigInteger("123456789012345678901234567890"), 1);
        assertThat(big.bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567891"));
        assertThat(session.request("sleep", 0.01).doubleValue()).isEqualTo(0.01);
    }

    @Test
    void namedArguments() {
        assertThat(session.request("echo", Arguments.named(Map.of("message", "named"))).textValue()).isEqualTo("named");
        assertThatThrownBy(() -> session.request("echo", Arguments.named(Map.of("msg", 1))))
                .isInstanceOfSatisfying(RpcError.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
                    assertThat(e.message()).isEqualTo("method \"echo\" requires parameter \"message\"");
                });
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> session.request("fail", -32000, "boom"))
                .isInstanceOfSatisfying(RpcError.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.message()).isEqualTo("boom");
                });
        assertThatThrownBy(() -> session.request("no_such_method"))
                .isInstanceOfSatisfying(RpcError.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
                    assertThat(e.message()).isEqualTo("unknown method \"no_such_method\"");
                });
        assertThat(session.request("echo", "still connected").textValue()).isEqualTo("still connected");
    }

    @Test
    void batch() {
        List<Item> replies = session.sendBatch(new Batch(List.of(
                new Request("echo", Arguments.of("in a batch")),
                new Request("sum", Arguments.of(2, 3)),
                new Request("fail", Arguments.of(7, "batch boom")))));
        assertThat(replies).hasSize(3);
        assertThat(((Response) replies.get(0)).result().textValue()).isEqualTo("in a batch");
        assertThat(((Response) replies.get(1)).result().intValue()).isEqualTo(5);
        assertThat(replies.get(2)).isInstanceOfSatisfying(RpcError.class, e -> {
            assertThat(e.code()).isEqualTo(7);
            assertThat(e.message()).isEqualTo("batch boom");
        });
    }

    @Test
    void notification() {
        session.sendNotification("echo", "a notification");
        session.sendNotification("no_such_method");
        assertThat(session.request("echo", "after").textValue()).isEqualTo("after");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void serverToClientRequests() {
        served.clear();
        assertThat(session.request("call_me_back", "client.greet", "jrpcx").textValue()).isEqualTo("hello jrpcx");
        assertThatThrownBy(() -> session.request("call_me_back", "client.fail"))
                .isInstanceOfSatisfying(RpcError.class, e -> {
                    assertThat(e.code()).isEqualTo(-32001);
                    assertThat(e.message()).isEqualTo("client says no");
                });
        assertThat(served).containsExactly("client.greet", "client.fail");
    }

    @Test
    void byeClosesTheConnection() throws Exception {
        assertThat(session.request("bye").textValue()).isEqualTo("bye");
        session.closed().get(10, TimeUnit.SECONDS);
        assertThat(session.isOpen()).isFalse();
    }

    /** The same checks over TLS. */
    static final class OverTls extends JavaClientInteropTest {
        @Override
        protected String transport() {
            return "tls";
        }
    }

    /** The same checks over WebSocket. */
    static final class OverWebSocket extends JavaClientInteropTest {
        @Override
        protected String transport() {
            return "ws";
        }
    }

    /** The same checks over WebSocket with TLS. */
    static final class OverSecureWebSocket extends JavaClientInteropTest {
        @Override
        protected String transport() {
            return "wss";
        }
    }

    /** The same checks over WebSocket with permessage-deflate, which the Python websockets server accepts. */
    static final class OverCompressedWebSocket extends JavaClientInteropTest {
        @Override
        protected String transport() {
            return "ws";
        }

        @Override
        protected io.jrpcx.transport.WebSocketOptions webSocket() {
            return io.jrpcx.transport.WebSocketOptions.builder().compression(true).build();
        }
    }

    /** The same checks over a Unix socket. */
    static final class OverUnixSocket extends JavaClientInteropTest {
        @Override
        protected String transport() {
            return "unix";
        }
    }
}
