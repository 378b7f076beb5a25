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
}
