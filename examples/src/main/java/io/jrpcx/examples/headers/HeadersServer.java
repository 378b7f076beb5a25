package io.jrpcx.examples.headers;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A header subscription server in the manner of Electrum's {@code blockchain.headers.subscribe}: a
 * client subscribes and gets the current tip; each new tip is then sent to every subscribed session as a
 * notification; a closed session is dropped from the subscribers.
 *
 * <pre>{@code
 * HeadersServer headers = new HeadersServer(new Header(0, "00"));
 * RpcServer server = headers.start("tcp://127.0.0.1:0");
 * headers.newTip(new Header(1, "01"));   // every subscriber hears it
 * }</pre>
 */
public final class HeadersServer {
    private final AtomicReference<Header> tip;
    private final Set<RpcSession> subscribers = ConcurrentHashMap.newKeySet();

    public HeadersServer(Header genesis) {
        this.tip = new AtomicReference<>(genesis);
    }

    /** Starts serving on {@code url}. */
    public RpcServer start(String url) {
        MethodTable<RpcSession> methods = MethodTable.builder(RpcSession.class)
                .serviceBy(HeadersService.class, session -> () -> {
                    subscribers.add(session);
                    return tip.get();
                })
                .build();
        return RpcServer.builder().listen(url).handler(RpcHandler.of(methods))
                .onClose(subscribers::remove)
                .start();
    }

    /** The sessions subscribed now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** A new tip: every subscriber is notified. */
    public void newTip(Header header) {
        tip.set(header);
        for (RpcSession session : subscribers) {
            if (session.isOpen()) {
                session.proxy(HeadersListener.class).header(header);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        HeadersServer headers = new HeadersServer(new Header(0, "00"));
        RpcServer server = headers.start(args.length > 0 ? args[0] : "tcp://127.0.0.1:8000");
        System.out.println("listening " + server.services().get(0));
        for (int height = 1; ; height++) {
            Thread.sleep(5_000);
            headers.newTip(new Header(height, String.format("%02x", height % 256)));
        }
    }
}
