package io.jrpcx.examples.callback;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;

/**
 * A server that calls its clients: to greet a client it asks that client's {@link Caller#name()}, and it
 * can tell every connected client something at any time.
 *
 * <pre>{@code
 * java io.jrpcx.examples.callback.CallbackServer tcp://127.0.0.1:8000
 * }</pre>
 */
public final class CallbackServer {
    private CallbackServer() {
    }

    /** Starts the server: each call of {@link Greeter#greet()} asks its own client for a name. */
    public static RpcServer start(String url) {
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .serviceBy(Greeter.class, session -> () -> "hello, " + session.proxy(Caller.class).name())
                .build();
        return RpcServer.builder().listen(url).handler(RpcHandler.of(methods)).start();
    }

    /** Tells every client connected to {@code server} something (a notification to each). */
    public static void tellEveryone(RpcServer server, String text) {
        for (RpcSession session : server.sessions()) {
            session.proxy(Caller.class).told(text);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        RpcServer server = start(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000");
        System.out.println("listening " + server.services().get(0));
        while (true) {
            Thread.sleep(10_000);
            tellEveryone(server, "still here");
        }
    }
}
