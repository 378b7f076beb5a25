package io.jrpcx.cli;

import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jrpcx demo}: a server and a client in one process, showing each kind of exchange in turn.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a server on a free loopback port and show a client using it, step by step.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final CompletableFuture<Notification> notified = new CompletableFuture<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InteropService service = new InteropService();
        RpcHandler serverHandler = new RpcHandler() {
            @Override
            public @Nullable Object handle(RpcSession session, Item item) throws Exception {
                if (item instanceof Notification n) {
                    notified.complete(n);
                }
                return service.handle(session, item);
            }

            @Override
            public boolean isInline(Item item) {
                return service.isInline(item);
            }
        };
        RpcHandler clientHandler = (session, item) -> switch (item) {
            case Request r when r.method().equals("greet") -> "hello from the client, " + r.args().node().path(0).asText("stranger");
            case Request r -> throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method \"" + r.method() + "\"");
            default -> null;
        };
        try (RpcServer server = RpcServer.builder()
                .listen("tcp://127.0.0.1:0")
                .handler(serverHandler)
                .start()) {
            io.jrpcx.net.Service address = server.services().get(0);
            out.println("server: listening " + address);
            RpcClient client = RpcClient.builder().handler(clientHandler).build();
            try (RpcSession session = client.connect(address)) {
                out.println("client: connected");
                out.println();

                out.println("1. a request with positional arguments");
                out.println("   -> echo(\"hello, jrpcx\")");
                out.println("   <- " + session.request("echo", "hello, jrpcx"));

                out.println("2. a request with named arguments");
                out.println("   -> echo(message=\"named\")");
                out.println("   <- " + session.request("echo", Arguments.named(Map.of("message", "named"))));

                out.println("3. a request that fails");
                out.println("   -> fail(-32000, \"something went wrong\")");
                try {
                    session.request("fail", -32000, "something went wrong");
                    out.println("   <- unexpected success");
                    return Main.EXIT_ERROR;
                } catch (RpcError e) {
                    out.println("   <- error " + e.code() + ": " + e.message());
                }

                out.println("4. a batch of three requests");
                out.println("   -> [sum(1, 2, 3.5), echo(\"in a batch\"), no_such_method()]");
                List<Item> replies = session.sendBatch(new Batch(List.of(
                        new Request("sum", Arguments.of(1, 2, 3.5)),
                        new Request("echo", Arguments.of("in a batch")),
                        new Request("no_such_method", Arguments.none()))));
                for (Item reply : replies) {
                    out.println("   <- " + describe(reply));
                }

                out.println("5. a notification (no response)");
                out.println("   -> echo(\"fire and forget\")");
                session.sendNotification("echo", "fire and forget");
                Notification n = notified.get(10, TimeUnit.SECONDS);
                out.println("   server received notification " + n.method() + n.args());

                out.println("6. a server-to-client request");
                out.println("   -> call_me_back(\"greet\", \"demo\"): the server asks the client greet(\"demo\")");
                out.println("   <- " + session.request("call_me_back", "greet", "demo"));

                out.println("7. goodbye");
                out.println("   -> bye()");
                out.println("   <- " + session.request("bye"));
                session.closed().get(10, TimeUnit.SECONDS);
                out.println("   the server closed the connection");
            }
            server.close(Duration.ofSeconds(1));
        }
        out.println();
        out.println("demo finished");
        out.flush();
        return 0;
    }

    private static String describe(Item reply) {
        return switch (reply) {
            case Response r -> r.result().toString();
            case RpcError e -> "error " + e.code() + ": " + e.message();
            default -> reply.toString();
        };
    }
}
