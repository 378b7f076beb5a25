package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;
import io.jrpcx.jsonrpc.RpcService;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One annotated interface for both sides: bound by the server, called through a proxy, and back. */
@Timeout(60)
class ServiceProxyTest {

    /** The service a server offers. Parameter names from the annotation differ from the Java names on purpose. */
    @RpcService
    public interface Wallet {
        @RpcMethod("wallet.balance")
        BigDecimal balance(@RpcParam("account") String acct);

        @RpcMethod(value = "wallet.transfer", named = true)
        String transfer(@RpcParam("from") String a, @RpcParam("to") String b, @RpcParam("amount") BigDecimal amount,
                        @RpcParam("memo") Optional<String> memo);

        @RpcMethod("wallet.history")
        CompletableFuture<List<BigDecimal>> history(@RpcParam("account") String acct);

        @RpcMethod("wallet.sum")
        BigDecimal sum(@RpcParam("values") BigDecimal... values);

        @RpcNotification("wallet.log")
        void log(@RpcParam("line") String line);

        Instant stamp(@RpcParam("at") Instant at);

        void fail(@RpcParam("why") String why);

        /** A local helper: not an RPC method, runs in the proxy. */
        default BigDecimal doubled(String account) {
            return balance(account).multiply(BigDecimal.TWO);
        }
    }

    /** What a client offers its server. */
    public interface Callbacks {
        String whoAreYou();

        @RpcNotification("notify")
        void notify(@RpcParam("text") String text);
    }

    /** Server side of a service whose implementation calls the client back. */
    public interface Greeter {
        String greet();
    }

    private interface Hidden {
        String secret();
    }

    static final class MyWallet implements Wallet {
        final Map<String, BigDecimal> balances = new ConcurrentHashMap<>(Map.of("alice", new BigDecimal("10.50"),
                "bob", BigDecimal.ONE));
        final BlockingQueue<String> log = new LinkedBlockingQueue<>();

        @Override
        public BigDecimal balance(String acct) {
            BigDecimal b = balances.get(acct);
            if (b == null) {
                throw new RpcError(-32001, "no such account", JsonMapper.builder().build().valueToTree(Map.of("account", acct)));
            }
            return b;
        }

        @Override
        public String transfer(String a, String b, BigDecimal amount, Optional<String> memo) {
            balances.merge(a, amount.negate(), BigDecimal::add);
            balances.merge(b, amount, BigDecimal::add);
            return a + "->" + b + " " + amount + memo.map(m -> " (" + m + ")").orElse("");
        }

        @Override
        public CompletableFuture<List<BigDecimal>> history(String acct) {
            return CompletableFuture.supplyAsync(() -> List.of(BigDecimal.ONE, balance(acct)));
        }

        @Override
        public BigDecimal sum(BigDecimal... values) {
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal v : values) {
                total = total.add(v);
            }
            return total;
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public Instant stamp(Instant at) {
            return at.plusMillis(1);
        }

        @Override
        public void fail(String why) {
            throw new RpcError(-32002, why);
        }
    }

    private RpcServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    private static JsonMapper timeMapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    @Test
    void aProxyCallsTheBoundImplementation() throws Exception {
        MyWallet impl = new MyWallet();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").mapper(timeMapper())
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class).service(Wallet.class, impl).build()))
                .start();
        assertThat(MethodTable.builder(RpcSession.class).service(Wallet.class, impl).build().names())
                .containsExactlyInAnyOrder("wallet.balance", "wallet.transfer", "wallet.history", "wallet.sum",
                        "wallet.log", "stamp", "fail");
        try (RpcSession session = RpcClient.builder().mapper(timeMapper()).build().connect(server.services().get(0))) {
            Wallet wallet = session.proxy(Wallet.class);
            assertThat(wallet.balance("alice")).isEqualByComparingTo("10.50");
            assertThat(wallet.transfer("alice", "bob", new BigDecimal("2.5"), Optional.of("rent")))
                    .isEqualTo("alice->bob 2.5 (rent)");
            assertThat(wallet.transfer("bob", "alice", BigDecimal.ONE, Optional.empty())).isEqualTo("bob->alice 1");
            // by position, the Java-side names do not matter: the server takes the annotation's
            assertThat(session.request("wallet.balance", BigDecimal.class,
                    io.jrpcx.jsonrpc.Arguments.named(Map.of("account", "bob")))).isEqualByComparingTo("2.5");
            assertThat(wallet.history("alice").get(20, TimeUnit.SECONDS))
                    .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ONE, new BigDecimal("9.0"));
            assertThat(wallet.sum(BigDecimal.ONE, BigDecimal.TEN)).isEqualByComparingTo("11");
            assertThat(wallet.sum()).isEqualByComparingTo("0");
            wallet.log("hello");
            assertThat(impl.log.poll(20, TimeUnit.SECONDS)).isEqualTo("hello");
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            assertThat(wallet.stamp(at)).isEqualTo(at.plusMillis(1));
            assertThat(wallet.doubled("bob")).isEqualByComparingTo("5.0");
            assertThatThrownBy(() -> wallet.balance("carol")).isInstanceOfSatisfying(RpcError.class, e -> {
                assertThat(e.code()).isEqualTo(-32001);
                assertThat(e.data().get("account").asText()).isEqualTo("carol");
            });
            assertThatThrownBy(() -> wallet.fail("because")).isInstanceOf(RpcError.class).hasMessageContaining("because");
            assertThat(wallet.toString()).contains("Wallet");
            assertThat(wallet).isEqualTo(wallet).isNotEqualTo(session.proxy(Wallet.class));
        }
    }

    @Test
    void theServerCallsItsClientsThroughAProxyOfTheirInterface() throws Exception {
        // the server's implementation is made per session, and calls that session's client back
        server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .serviceBy(Greeter.class, session -> () -> {
                            Callbacks client = session.proxy(Callbacks.class);
                            client.notify("about to ask");
                            return "hello " + client.whoAreYou();
                        })
                        .build()))
                .start();
        BlockingQueue<String> notes = new LinkedBlockingQueue<>();
        Callbacks mine = new Callbacks() {
            @Override
            public String whoAreYou() {
                return "client-7";
            }

            @Override
            public void notify(String text) {
                notes.add(text);
            }
        };
        RpcClient client = RpcClient.builder()
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .service(Callbacks.class, mine, MethodHandles.lookup()).build()))
                .build();
        try (RpcSession session = client.connect(server.services().get(0))) {
            assertThat(session.proxy(Greeter.class).greet()).isEqualTo("hello client-7");
            assertThat(notes.poll(20, TimeUnit.SECONDS)).isEqualTo("about to ask");
        }
    }

    @Test
    void aLookupReachesAnInterfaceNotPublic() {
        Hidden impl = () -> "found";
        server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .service(Hidden.class, impl, MethodHandles.lookup()).build()))
                .start();
        try (RpcSession session = RpcClient.builder().build().connect(server.services().get(0))) {
            assertThat(session.proxy(Hidden.class).secret()).isEqualTo("found");
        }
    }

    @Test
    void aLostConnectionFailsProxyCallsWithConnectionLost() throws Exception {
        CompletableFuture<Void> entered = new CompletableFuture<>();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .serviceBy(Greeter.class, session -> () -> {
                            entered.complete(null);
                            try {
                                new java.util.concurrent.CountDownLatch(1).await();   // never answers
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return "interrupted";
                        }).build()))
                .start();
        try (RpcSession session = RpcClient.builder().build().connect(server.services().get(0))) {
            Greeter greeter = session.proxy(Greeter.class);
            CompletableFuture<String> call = CompletableFuture.supplyAsync(greeter::greet);
            entered.get(20, TimeUnit.SECONDS);
            server.close(Duration.ZERO);
            assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectionLostException.class);
            assertThatThrownBy(greeter::greet).isInstanceOf(ConnectionLostException.class);
        }
    }

    @Test
    void badInterfacesAreRefusedAtOnce() {
        interface NotVoid {
            @RpcNotification
            String note();
        }
        try (RpcSession session = RpcSession.create(SessionOptions.defaults(), JsonRpcOptions.defaults(),
                RpcHandler.none(), SessionListener.NONE)) {
            assertThatThrownBy(() -> session.proxy(NotVoid.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must return void");
            assertThatThrownBy(() -> session.proxy(MyWallet.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an interface");
        }
    }
}
