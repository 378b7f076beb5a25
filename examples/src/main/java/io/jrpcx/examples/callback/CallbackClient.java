package io.jrpcx.examples.callback;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcSession;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client that serves its server: it answers {@link Caller#name()} and collects what it is told.
 *
 * <pre>{@code
 * java io.jrpcx.examples.callback.CallbackClient tcp://127.0.0.1:8000 alice
 * }</pre>
 */
public final class CallbackClient implements Caller {
    private final String name;
    private final BlockingQueue<String> told = new LinkedBlockingQueue<>();

    public CallbackClient(String name) {
        this.name = name;
    }

    /** Connects to {@code url}, serving this client's {@link Caller} methods to the server. */
    public RpcSession connect(String url) {
        return RpcClient.builder()
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class).service(Caller.class, this).build()))
                .build()
                .connect(url);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void told(String text) {
        told.add(text);
    }

    /** What the server has told this client, in order. */
    public BlockingQueue<String> told() {
        return told;
    }

    public static void main(String[] args) throws InterruptedException {
        CallbackClient me = new CallbackClient(args.length > 1 ? args[1] : "alice");
        try (RpcSession session = me.connect(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000")) {
            System.out.println(session.proxy(Greeter.class).greet());
            System.out.println("told: " + me.told().take());
        }
    }
}
