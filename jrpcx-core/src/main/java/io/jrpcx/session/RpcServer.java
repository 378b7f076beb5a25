package io.jrpcx.session;

import io.jrpcx.net.AddressGrouping;
import io.jrpcx.net.Service;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.TransportServer;
import io.jrpcx.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC server: listens on one or more URLs ({@code tcp://host:port}, port 0 for any free port) and
 * runs an {@link RpcSession} for each connection it accepts.
 *
 * <pre>{@code
 * RpcServer server = RpcServer.builder()
 *         .listen("tcp://127.0.0.1:0")
 *         .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
 *                 .method("echo", Signature.of("message"), (session, params) -> params.get(0))
 *                 .build()))
 *         .onOpen(session -> System.err.println("opened " + session))
 *         .start();
 * System.out.println("listening on " + server.services());   // [tcp://127.0.0.1:40123]
 * server.close();
 * }</pre>
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final List<TransportServer> listeners;
    private final Set<RpcSession> sessions;
    private final Duration closeTimeout;
    private final @Nullable CostPools pools;
    private volatile boolean closing;

    private RpcServer(Set<RpcSession> sessions, Duration closeTimeout, @Nullable CostPools pools) {
        this.listeners = new ArrayList<>();
        this.sessions = sessions;
        this.closeTimeout = closeTimeout;
        this.pools = pools;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the server listens on, in the order given, with real port numbers: {@code tcp://127.0.0.1:40123}. */
    public List<Service> services() {
        return listeners.stream().map(TransportServer::service).toList();
    }

    /** The sessions open now. */
    public Set<RpcSession> sessions() {
        return Set.copyOf(sessions);
    }

    /** The connections accepted and not yet closed, including those still negotiating. */
    public int connections() {
        return listeners.stream().mapToInt(TransportServer::connections).sum();
    }

    /** The connections refused at accept: over the server's or an address group's limit. */
    public long connectionsRefused() {
        return listeners.stream().mapToLong(TransportServer::connectionsRefused).sum();
    }

    /** The cost pools of address groups that have sessions, or cost left to decay. */
    public List<CostPool> costPools() {
        return pools == null ? List.of() : pools.snapshot();
    }

    /**
     * Stops listening, then closes every connection: those still negotiating at once, every session
     * gracefully, all together, forcing those not closed after {@code forceAfter}; running handlers are
     * interrupted. Returns when all are closed.
     */
    public void close(Duration forceAfter) {
        closing = true;
        for (TransportServer listener : listeners) {
            listener.close();
        }
        for (TransportServer listener : listeners) {
            listener.closeConnectionsNotOpen();
        }
        List<RpcSession> open = List.copyOf(sessions);
        for (RpcSession session : open) {
            session.startClose(forceAfter);
        }
        for (RpcSession session : open) {
            session.awaitClosed(forceAfter.plusSeconds(5));
        }
        try {
            for (TransportServer listener : listeners) {
                listener.awaitConnectionsClosed(forceAfter.plusSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening and closes every session, forced after the sessions' close timeout. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /** Builds and starts an {@link RpcServer}. */
    public static final class Builder {
        private final List<Service> services = new ArrayList<>();
        private SessionOptions options = SessionOptions.defaults();
        private JsonRpcOptions rpcOptions = JsonRpcOptions.defaults();
        private RpcHandler handler = RpcHandler.none();
        private SessionListener listener = SessionListener.NONE;
        private Consumer<? super RpcSession> onOpen = s -> { };
        private Consumer<? super RpcSession> onClose = s -> { };
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private @Nullable EventLoopGroup eventLoops;
        private int maxConnections = TransportOptions.defaults().maxConnections();
        private int maxConnectionsPerAddress = TransportOptions.defaults().maxConnectionsPerAddress();
        private AddressGrouping grouping = AddressGrouping.defaults();
        private boolean costPools = true;

        private Builder() {
        }

        /**
         * The most connections held at once on each address listened on (default 10,000); the one over it
         * is closed as it is accepted, before any byte is read or written.
         */
        public Builder maxConnections(int connections) {
            TransportOptions.builder().maxConnections(connections);   // checks it
            this.maxConnections = connections;
            return this;
        }

        /**
         * The most connections held at once from one address group (default 200, see
         * {@link #addressGrouping}); local addresses are exempt unless the grouping includes them.
         */
        public Builder maxConnectionsPerAddress(int connections) {
            TransportOptions.builder().maxConnectionsPerAddress(connections);   // checks it
            this.maxConnectionsPerAddress = connections;
            return this;
        }

        /** How peers are grouped for the per-address limit and the cost pools (default: IPv4 /24, IPv6 /48, local alone). */
        public Builder addressGrouping(AddressGrouping grouping) {
            this.grouping = Objects.requireNonNull(grouping, "grouping");
            return this;
        }

        /**
         * Whether sessions from one address group share one cost (default true): many connections do not
         * buy many budgets. Sessions of local peers count alone unless the grouping includes them.
         */
        public Builder costPools(boolean pooled) {
            this.costPools = pooled;
            return this;
        }

        /**
         * Adds a URL to listen on, such as {@code tcp://127.0.0.1:8000} (port 0 picks a free port).
         *
         * @throws io.jrpcx.net.AddressException when it is not a valid URL
         */
        public Builder listen(String url) {
            return listen(Service.parseListening(url));
        }

        /** Adds a service to listen on. */
        public Builder listen(Service service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /** What every session has: framing, time limits, flow control. */
        public Builder options(SessionOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** What a JSON-RPC session adds: protocol, response size. */
        public Builder rpcOptions(JsonRpcOptions rpcOptions) {
            this.rpcOptions = Objects.requireNonNull(rpcOptions, "rpcOptions");
            return this;
        }

        /** What handles incoming requests and notifications. */
        public Builder handler(RpcHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Hears each session's events. */
        public Builder listener(SessionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
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

        /** How long each negotiation of an accepted connection (TLS, WebSocket) may take. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = SessionOptions.Builder.positive(timeout, "handshakeTimeout");
            return this;
        }

        /** Runs connections on {@code group} instead of the shared event loops; the caller shuts it down. */
        public Builder eventLoops(EventLoopGroup group) {
            this.eventLoops = Objects.requireNonNull(group, "group");
            return this;
        }

        /**
         * Binds every address and starts accepting.
         *
         * @throws io.jrpcx.transport.TransportException when an address cannot be bound (those already
         *     bound are closed)
         */
        public RpcServer start() {
            if (services.isEmpty()) {
                throw new IllegalStateException("no address to listen on");
            }
            TransportOptions.Builder t = TransportOptions.builder().framing(options.framing())
                    .handshakeTimeout(handshakeTimeout)
                    .maxConnections(maxConnections)
                    .maxConnectionsPerAddress(maxConnectionsPerAddress)
                    .addressGrouping(grouping);
            if (eventLoops != null) {
                t.eventLoops(eventLoops);
            }
            TransportOptions transportOptions = t.build();
            Set<RpcSession> sessions = ConcurrentHashMap.newKeySet();
            RpcServer server = new RpcServer(sessions, options.closeTimeout(),
                    costPools ? new CostPools(grouping, options.costDecayPerSecond()) : null);
            SessionOptions opts = options;
            JsonRpcOptions rpc = rpcOptions;
            RpcHandler h = handler;
            SessionListener l = listener;
            Consumer<? super RpcSession> opened = onOpen;
            Consumer<? super RpcSession> closed = onClose;
            try {
                for (Service service : services) {
                    server.listeners.add(Transports.serve(service, () -> {
                        RpcSession session = RpcSession.create(opts, rpc, h, l);
                        return new Tracked(session, server, opened, closed);
                    }, transportOptions));
                }
            } catch (RuntimeException e) {
                server.listeners.forEach(TransportServer::close);
                throw e;
            }
            return server;
        }
    }

    /** A session's transport listener that also keeps the server's set of sessions. */
    private static final class Tracked implements TransportListener {
        private final RpcSession session;
        private final TransportListener delegate;
        private final RpcServer server;
        private final Consumer<? super RpcSession> opened;
        private final Consumer<? super RpcSession> closed;

        Tracked(RpcSession session, RpcServer server, Consumer<? super RpcSession> opened,
                Consumer<? super RpcSession> closed) {
            this.session = session;
            this.delegate = session.transportListener();
            this.server = server;
            this.opened = opened;
            this.closed = closed;
        }

        @Override
        public void onOpen(MessageTransport transport) {
            if (server.pools != null) {
                server.pools.join(session, transport.remoteAddress());
            }
            delegate.onOpen(transport);
            server.sessions.add(session);
            if (server.closing) {
                session.startClose();   // opened while the server was closing: it sees no work
                return;
            }
            run(opened);
        }

        @Override
        public void onMessage(byte[] message) {
            delegate.onMessage(message);
        }

        @Override
        public void onReadComplete() {
            delegate.onReadComplete();
        }

        @Override
        public void onMessageDropped(String reason) {
            delegate.onMessageDropped(reason);
        }

        @Override
        public void onInputClosed() {
            delegate.onInputClosed();
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            delegate.onWritabilityChanged(writable);
        }

        @Override
        public void onReadingChanged(Set<io.jrpcx.transport.ReadPause> reasons) {
            delegate.onReadingChanged(reasons);
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
            server.sessions.remove(session);
            if (server.pools != null) {
                server.pools.leave(session);
            }
            try {
                delegate.onClosed(cause);
            } finally {
                run(closed);
            }
        }

        private void run(Consumer<? super RpcSession> callback) {
            try {
                callback.accept(session);
            } catch (RuntimeException e) {
                LOG.warn("{}: callback failed", session, e);
            }
        }
    }
}
