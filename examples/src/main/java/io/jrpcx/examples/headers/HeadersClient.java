package io.jrpcx.examples.headers;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcSession;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Subscribes to headers and collects each tip: the one the subscription answers, then each notified.
 *
 * <pre>{@code
 * java io.jrpcx.examples.headers.HeadersClient tcp://127.0.0.1:8000
 * }</pre>
 */
public final class HeadersClient implements HeadersListener {
    private final BlockingQueue<Header> tips = new LinkedBlockingQueue<>();

    /** Connects and subscribes; the current tip is the first in {@link #tips()}. */
    public RpcSession subscribe(String url) {
        RpcSession session = RpcClient.builder()
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .service(HeadersListener.class, this).build()))
                .build()
                .connect(url);
        tips.add(session.proxy(HeadersService.class).subscribe());
        return session;
    }

    @Override
    public void header(Header header) {
        tips.add(header);
    }

    /** The tips heard, in order. */
    public BlockingQueue<Header> tips() {
        return tips;
    }

    public static void main(String[] args) throws InterruptedException {
        HeadersClient client = new HeadersClient();
        try (RpcSession session = client.subscribe(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000")) {
            while (session.isOpen()) {
                System.out.println(client.tips().take());
            }
        }
    }
}
