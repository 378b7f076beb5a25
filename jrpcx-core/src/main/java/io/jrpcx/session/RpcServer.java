package io.jrpcx.session;

import io.jrpcx.transport.TcpTransport;
import io.jrpcx.transport.TransportServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC server: listens on one or more addresses and runs an {@link RpcSession} for each
 * connection it accepts.
 *
 * <pre>{@code
 * RpcServer server = RpcServer.builder()
 *         .listen(new InetSocketAddress("127.0.0.1", 0))
 *         .handler(MethodTable.<RpcSession>builder()
 *                 .method("echo", Signature.of("message"), (session, params) -> params.get(0))
 *                 .build()::handle)
 *         .onOpen(session -> System.err.println("opened " + session))
 *         .start();
 * System.out.println("listening on " + server.addresses());
 * server.close();
 * }</pre>
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final TransportServer transportServer;
    private final Set<RpcSession> sessions;
    private final Duration closeTimeout;

    private RpcServer(TransportServer transportServer, Set<RpcSession> sessions, Duration closeTimeout) {
        this.transportServer = transportServer;
        this.sessions = sessions;
        this.closeTimeout = closeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The addresses listened on, with real port numbers. */
    public List<InetSocketAddress> addresses() {
        return transportServer.addresses();
    }

    /** The sessions open now. */
    public Set<RpcSession> sessions() {
        return Set.copyOf(sessions);
    }

    /**
     * Stops listening, then closes every session gracefully, all at once, forcing those not closed after
     * {@code forceAfter}; returns when all are closed.
     */
    public void close(Duration forceAfter) {
        transportServer.close();
        List<RpcSession> open = List.copyOf(sessions);
        for (RpcSession session : open) {
            session.startClose(forceAfter);
        }
        for (RpcSession session : open) {
            session.awaitClosed(forceAfter.plusSeconds(5));
        }
    }

    /** Stops listening and closes every session, forced after the sessions' close timeout. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /** Builds and starts an {@link RpcServer}. */
    public static final class Builder {
        private final List<InetSocketAddress> addresses = new ArrayList<>();
        private SessionOptions options = SessionOptions.defaults();
        private RpcHandler handler = RpcHandler.none();
        private Consumer<? super RpcSession> onOpen = s -> { };
        private Consumer<? super RpcSession> onClose = s -> { };

        private Builder() {
        }

        /** Adds a TCP address to listen on (port 0 picks a free port). */
        public Builder listen(InetSocketAddress address) {
            addresses.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        public Builder options(SessionOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** What handles incoming requests and notifications. */
        public Builder handler(RpcHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Runs on the I/O thread when a session opens; must not block. */
        public Builder onOpen(Consumer<? super RpcSession> onOpen) {
            this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
            return this;
        }

        /** Runs on the I/O thread when a session closes; must not block. */
        public Builder onClose(Consumer<? super RpcSession> onClose) {
            this.onClose = Objects.requireNonNull(onClose, "onClose");
            return this;
        }

        /**
         * Binds every address and starts accepting.
         *
         * @throws io.jrpcx.transport.TransportException when an address cannot be bound
         */
        public RpcServer start() {
            if (addresses.isEmpty()) {
                throw new IllegalStateException("no address to listen on");
            }
            SessionOptions opts = options;
            RpcHandler h = handler;
            Consumer<? super RpcSession> opened = onOpen;
            Consumer<? super RpcSession> closed = onClose;
            Set<RpcSession> sessions = ConcurrentHashMap.newKeySet();
            TransportServer ts = TcpTransport.serve(addresses, opts.framing(), () -> {
                RpcSession session = RpcSession.create(opts, h);
                return new SessionLifecycle(session, () -> {
                    sessions.add(session);
                    run(opened, session);
                }, () -> {
                    sessions.remove(session);
                    run(closed, session);
                });
            });
            return new RpcServer(ts, sessions, opts.closeTimeout());
        }

        private static void run(Consumer<? super RpcSession> callback, RpcSession session) {
            try {
                callback.accept(session);
            } catch (RuntimeException e) {
                LOG.warn("{}: callback failed", session, e);
            }
        }
    }
}
