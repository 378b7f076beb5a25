package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.concurrent.TaskGroup;
import io.jrpcx.concurrent.Timeouts;
import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.framing.BitcoinFramer;
import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's library examples, kept compiling and working. */
@Timeout(60)
class ReadmeExamplesTest {

    /** Methods from annotated Java methods; parameter names come from the compiled code. */
    public static final class Greeter {
        @RpcMethod(inline = true)   // never blocks: runs on the I/O thread
        public String hello(String name) {
            return "hello, " + name;
        }

        @RpcMethod
        public String ask(RpcSession session, String question) {   // the session is passed in first
            return "the client says " + session.request("answer", question).asText();
        }
    }

    @Test
    void languageToolsOverStdio() throws Exception {
        // --- README: stdio (pylsp is Debian's python3-pylsp)
        RpcClient client = RpcClient.builder()
                .rpcOptions(JsonRpcOptions.builder().cancelRequests(true).build())   // LSP's $/cancelRequest
                .handler((session, item) -> null)                                     // diagnostics, progress...
                .build();
        RpcSession kept;
        try (RpcSession lsp = client.connectProcess(new ProcessBuilder("/usr/bin/pylsp"))) {
            JsonNode init = lsp.request("initialize", Arguments.named(Map.of(
                    "processId", ProcessHandle.current().pid(), "capabilities", Map.of())));
            lsp.sendNotification("initialized", Arguments.named(Map.of()));
            lsp.sendNotification("textDocument/didOpen", Arguments.named(Map.of("textDocument", Map.of(
                    "uri", "file:///tmp/a.py", "languageId", "python", "version", 1, "text", "import os\nos.getcwd()\n"))));
            CompletableFuture<JsonNode> hover = lsp.requestAsync("textDocument/hover", Arguments.named(Map.of(
                    "textDocument", Map.of("uri", "file:///tmp/a.py"), "position", Map.of("line", 1, "character", 4))));
            hover.cancel(false);                          // sends $/cancelRequest {"id": ...}
            lsp.request("shutdown", Arguments.none());
            lsp.sendNotification("exit", Arguments.none());
            // ---
            assertThat(init.path("capabilities").path("hoverProvider").asBoolean()).isTrue();
            kept = lsp;
        }
        assertThat(kept.isOpen()).isFalse();
        assertThat(kept.stats().errors()).isZero();
    }

    @Test
    void serverAndClient() throws Exception {
        // --- README: server
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .methods(new Greeter())
                .method("add", Signature.of("a", "b"), (session, params) -> params.getLong("a") + params.getLong("b"))
                .build();
        RpcServer server = RpcServer.builder()
                .listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(methods))
                .start();
        // --- end
        io.jrpcx.net.Service address = server.services().get(0);
        try {
            // --- README: client
            MethodTable<RpcSession> clientMethods = MethodTable.builder(RpcSession.class)
                    .method("answer", Signature.of("question"), (session, params) -> "42")
                    .build();
            RpcClient client = RpcClient.builder().handler(RpcHandler.of(clientMethods)).build();
            try (RpcSession session = client.connect(address)) {
                JsonNode greeting = session.request("hello", "world");          // blocks this (virtual) thread
                CompletableFuture<JsonNode> sum = session.requestAsync("add", Arguments.named(Map.of("a", 1, "b", 2)));
                JsonNode answer = session.request("ask", "what is the answer?"); // the server calls us back
                session.sendNotification("hello", "nobody answers this");
                List<Item> replies = session.sendBatch(new Batch(List.of(
                        new Request("hello", Arguments.of("one")),
                        new Request("nope", Arguments.none()))));
                JsonNode quick = session.request("hello", Arguments.of("again"), Duration.ofSeconds(2));
                // --- end
                assertThat(quick.asText()).isEqualTo("hello, again");
                assertThat(greeting.asText()).isEqualTo("hello, world");
                assertThat(sum.get().asLong()).isEqualTo(3);
                assertThat(answer.asText()).isEqualTo("the client says 42");
                assertThat(((Response) replies.get(0)).result().asText()).isEqualTo("hello, one");
                assertThat(((RpcError) replies.get(1)).message()).isEqualTo("unknown method \"nope\"");
            }
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void messageServerAndClient() throws Exception {
        // --- README: messages
        MessageServer server = MessageServer.builder()
                .listen("tcp://127.0.0.1:0")
                .options(SessionOptions.builder().framing(Framing.bitcoin(BitcoinFramer.REGTEST)).build())
                .handler((session, message) -> {
                    if (message.command().equals("ping")) {
                        session.sendMessage("pong", message.payload());   // no ids, no responses: just messages
                    }
                })
                .start();

        BlockingQueue<BinaryMessage> inbox = new LinkedBlockingQueue<>();
        MessageClient client = MessageClient.builder()
                .options(SessionOptions.builder().framing(Framing.bitcoin(BitcoinFramer.REGTEST)).build())
                .messageOptions(MessageOptions.builder().ordered(true).build())   // one at a time, in order
                .handler((session, message) -> inbox.put(message))
                .build();
        try (MessageSession session = client.connect(server.services().get(0))) {
            session.sendMessage("ping", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            BinaryMessage pong = inbox.take();   // pong, with the same eight bytes
            // --- end
            assertThat(pong).isEqualTo(new BinaryMessage("pong", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void structuredConcurrency() throws Exception {
        // --- README: concurrency
        try (TaskGroup group = TaskGroup.create()) {
            group.spawn(() -> Timeouts.timeoutAfter(Duration.ofSeconds(5), () -> "done in time"));
            group.spawn(() -> Timeouts.ignoreAfter(Duration.ofMillis(10), "gave up", () -> {
                Thread.sleep(60_000);
                return "never";
            }));
            group.join();
            assertThat(group.results()).containsExactly("done in time", "gave up");
        }
        // --- end
    }

    // ---- README: typed calls, service interfaces ----

    @io.jrpcx.jsonrpc.RpcService
    public interface Wallet {
        @RpcMethod("wallet.balance")
        BigDecimal balance(@RpcParam("account") String account);

        @RpcMethod(value = "wallet.pay", named = true)   // sent as {"to": ..., "amount": ...}
        CompletableFuture<String> pay(@RpcParam("to") String to, @RpcParam("amount") BigDecimal amount);

        @RpcNotification("wallet.log")                   // a notification: no answer awaited
        void log(@RpcParam("line") String line);
    }

    public interface Caller {                            // what the server may ask its clients
        String name();
    }

    static final class MyWallet implements Wallet {
        static final BlockingQueue<String> LOG = new LinkedBlockingQueue<>();
        private final Caller caller;
        private final ObjectMapper mapper = JsonMapper.builder().build();

        MyWallet(Caller caller) {
            this.caller = caller;
        }

        @Override
        public BigDecimal balance(String account) {
            if (!account.equals("alice")) {
                throw new RpcError(-32001, "no such account", mapper.valueToTree(Map.of("account", account)));
            }
            return new BigDecimal("10.00");
        }

        @Override
        public CompletableFuture<String> pay(String to, BigDecimal amount) {
            return CompletableFuture.completedFuture(caller.name() + " paid " + to + " " + amount);
        }

        @Override
        public void log(String line) {
            LOG.add(line);
        }
    }

    @Test
    void typedCallsAndYourOwnMapper() throws Exception {
        // --- README: typed
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .method("later", Signature.of("at", "seconds"),
                        (session, params) -> params.get("at", Instant.class).plusSeconds(params.getLong("seconds")))
                .method("echo", Signature.of("value"), (session, params) -> params.get("value"))
                .build();
        RpcServer server = RpcServer.builder().listen("tcp://127.0.0.1:0").mapper(mapper)
                .handler(RpcHandler.of(methods)).start();
        try (RpcSession session = RpcClient.builder().mapper(mapper).build().connect(server.services().get(0))) {
            Instant at = session.request("later", Instant.class, Instant.parse("2030-01-01T00:00:00Z"), 60);
            List<Integer> list = session.request("echo", new TypeReference<List<Integer>>() { }, Arguments.of(List.of(1, 2)));
            CompletableFuture<Integer> n = session.requestAsync("echo", Integer.class, 7);
            Instant named = session.request("later", Instant.class,
                    Arguments.named(Map.of("at", at, "seconds", 1), session.mapper()));   // {"at": ..., "seconds": 1}
            // --- end
            assertThat(at).isEqualTo(Instant.parse("2030-01-01T00:01:00Z"));
            assertThat(named).isEqualTo(Instant.parse("2030-01-01T00:01:01Z"));
            assertThat(list).containsExactly(1, 2);
            assertThat(n.get()).isEqualTo(7);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.request("echo", Integer.class, "seven"))
                    .isInstanceOf(ResultTypeException.class)
                    .hasMessageStartingWith("result of 'echo' does not fit java.lang.Integer: ");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.request("echo", Map.of("value", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Arguments.named(map)");
        } finally {
            server.close();
        }
    }

    @Test
    void oneInterfaceForBothSides() throws Exception {
        // --- README: service
        RpcServer server = RpcServer.builder().listen("tcp://127.0.0.1:0")
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        // one implementation per call's session, so it can call that client back
                        .serviceBy(Wallet.class, session -> new MyWallet(session.proxy(Caller.class)))
                        .build()))
                .start();
        RpcClient client = RpcClient.builder()
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .service(Caller.class, () -> "alice", MethodHandles.lookup())
                        .build()))
                .build();
        try (RpcSession session = client.connect(server.services().get(0))) {
            Wallet wallet = session.proxy(Wallet.class);
            BigDecimal balance = wallet.balance("alice");
            String receipt = wallet.pay("bob", new BigDecimal("2.50")).get();   // the server asked us our name
            wallet.log("paid bob");
            // --- end
            assertThat(balance).isEqualByComparingTo("10");
            assertThat(receipt).isEqualTo("alice paid bob 2.50");
            assertThat(MyWallet.LOG.take()).isEqualTo("paid bob");
            // --- README: errors
            try {
                wallet.balance("carol");
            } catch (RpcError e) {
                System.err.println(e.code() + " " + e.message() + " " + e.data());   // -32001 no such account {"account":"carol"}
                // --- end
                assertThat(e.code()).isEqualTo(-32001);
                assertThat(e.data().toString()).isEqualTo("{\"account\":\"carol\"}");
            }
        } finally {
            server.close();
        }
    }
}
