package io.jrpcx.benchmarks;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;

/**
 * A JSON-RPC server with one inline {@code echo} method: the library's hot path without the command.
 *
 * <pre>{@code
 * java -cp jrpcx-benchmarks/target/jrpcx-benchmarks.jar io.jrpcx.benchmarks.RpcEchoServer 18005
 * }</pre>
 */
public final class RpcEchoServer {
    private RpcEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        boolean inline = args.length < 2 || !args[1].equals("blocking");
        MethodTable.Builder<RpcSession> table = MethodTable.builder(RpcSession.class);
        if (inline) {
            table.inlineMethod("echo", Signature.of("message"), (s, p) -> p.get(0));
        } else {
            table.method("echo", Signature.of("message"), (s, p) -> p.get(0));
        }
        RpcServer server = RpcServer.builder()
                .listen("tcp://127.0.0.1:" + port)
                .handler(RpcHandler.of(table.build()))
                .start();
        System.out.println("listening " + server.services().get(0));
        Thread.currentThread().join();
    }
}
