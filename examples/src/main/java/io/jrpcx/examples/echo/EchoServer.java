package io.jrpcx.examples.echo;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;

/**
 * An echo server: {@code echo(message)} answers with its argument.
 *
 * <pre>{@code
 * java io.jrpcx.examples.echo.EchoServer tcp://127.0.0.1:8000
 * }</pre>
 */
public final class EchoServer {
    private EchoServer() {
    }

    /** Starts the server on {@code url} (port 0: any free port). */
    public static RpcServer start(String url) {
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .inlineMethod("echo", Signature.of("message"), (session, params) -> params.get("message"))
                .build();
        return RpcServer.builder().listen(url).handler(RpcHandler.of(methods)).start();
    }

    public static void main(String[] args) throws InterruptedException {
        RpcServer server = start(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000");
        System.out.println("listening " + server.services().get(0));
        Thread.currentThread().join();   // until killed
    }
}
