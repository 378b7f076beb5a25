package io.jrpcx.session;

import io.jrpcx.net.AddressGrouping;
import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

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
    private final SessionServer<RpcSession> core;

    private RpcServer(SessionServer<RpcSession> core) {
        this.core = core;
    }

    /** {@return a builder; add at least one address to {@link Builder#listen(String) listen} on} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return what the server listens on, in the order given, with real port numbers: {@code
     * tcp://127.0.0.1:40123}}
     */
    public List<Service> services() {
        return core.services();
    }

    /**
     * Re-reads the TLS certificate chain and key of every TLS listener from their files, without a
     * restart: connections accepted from now on get them, open ones keep theirs.
     *
     * @throws io.jrpcx.transport.TransportException when they cannot be read (the old ones stay in use)
     */
    public void reloadCertificates() {
        core.reloadCertificates();
    }

    /** {@return the sessions open now} */
    public Set<RpcSession> sessions() {
        return core.sessions();
    }

    /** {@return the connections accepted and not yet closed, including those still negotiating} */
    public int connections() {
        return core.connections();
    }

    /** {@return the connections refused at accept: over the server's or an address group's limit} */
    public long connectionsRefused() {
        return core.connectionsRefused();
    }

    /** {@return the cost pools of address groups that have sessions, or cost left to decay} */
    public List<CostPool> costPools() {
        return core.costPools();
    }

    /**
     * Stops listening, then closes every connection: those still negotiating at once, every session
     * gracefully, all together, forcing those not closed after {@code forceAfter}; running handlers are
     * interrupted. Returns when all are closed.
     *
     * @param forceAfter how long sessions may take to close gracefully
     */
    public void close(Duration forceAfter) {
        core.close(forceAfter);
    }

    /** Stops listening and closes every session, forced after the sessions' close timeout. */
    @Override
    public void close() {
        close(core.closeTimeout());
    }

    /** Builds and starts an {@link RpcServer}. */
    public static final class Builder {
        private final List<Service> services = new ArrayList<>();
        private SessionOptions options = SessionOptions.defaults();
        private JsonRpcOptions rpcOptions = JsonRpcOptions.defaults();
        private RpcHandler handler = RpcHandler.none();
        private SessionListener listener = SessionListener.NONE;
        private com.fasterxml.jackson.databind.ObjectMapper mapper = io.jrpcx.jsonrpc.JsonConversion.defaultMapper();
        private Consumer<? super RpcSession> onOpen = s -> { };
        private Consumer<? super RpcSession> onClose = s -> { };
        private boolean costPools = true;
        private final TransportOptions.Builder transport = TransportOptions.builder();

        private Builder() {
        }

        /**
         * TLS settings for {@code tls://}, {@code ssl://} and {@code wss://} listeners: the certificate chain
         *     and key.
         *
         * @param tls the settings
         * @return this builder
         */
        public Builder tls(io.jrpcx.transport.TlsOptions tls) {
            transport.tls(tls);
            return this;
        }

        /**
         * WebSocket settings for {@code ws://} and {@code wss://} listeners: path, allowed origins, pings.
         *
         * @param webSocket the settings
         * @return this builder
         */
        public Builder webSocket(io.jrpcx.transport.WebSocketOptions webSocket) {
            transport.webSocket(webSocket);
            return this;
        }

        /**
         * HTTP settings for {@code http://} and {@code https://} listeners: path, credentials, CORS origins.
         *
         * @param http the HTTP settings
         * @return this builder
         */
        public Builder http(io.jrpcx.transport.HttpOptions http) {
            transport.http(http);
            return this;
        }

        /**
         * The most connections held at once on each address listened on (default 10,000); the one over it
         * is closed as it is accepted, before any byte is read or written.
         *
         * @param connections the limit, at least 1
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            transport.maxConnections(connections);
            return this;
        }

        /**
         * The most connections held at once from one address group (default 200, see
         * {@link #addressGrouping}); local addresses are exempt unless the grouping includes them.
         *
         * @param connections the limit, at least 1
         * @return this builder
         */
        public Builder maxConnectionsPerAddress(int connections) {
            transport.maxConnectionsPerAddress(connections);
            return this;
        }

        /**
         * How peers are grouped for the per-address limit and the cost pools (default: IPv4 /24, IPv6 /48,
         *     local alone).
         *
         * @param grouping the grouping
         * @return this builder
         */
        public Builder addressGrouping(AddressGrouping grouping) {
            transport.addressGrouping(grouping);
            return this;
        }

        /**
         * Whether sessions from one address group share one cost (default true): many connections do not
         * buy many budgets. Sessions of local peers count alone unless the grouping includes them.
         *
         * @param pooled {@code true} to share one cost per address group
         * @return this builder
         */
        public Builder costPools(boolean pooled) {
            this.costPools = pooled;
            return this;
        }

        /**
         * Adds a URL to listen on, such as {@code tcp://127.0.0.1:8000} (port 0 picks a free port).
         *
         * @param url the URL to listen on
         * @return this builder
         * @throws io.jrpcx.net.AddressException when it is not a valid URL
         */
        public Builder listen(String url) {
            return listen(Service.parseListening(url));
        }

        /**
         * Adds a service to listen on.
         *
         * @param service the service to listen on
         * @return this builder
         */
        public Builder listen(Service service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * What every session has: framing, time limits, flow control.
         *
         * @param options the session settings
         * @return this builder
         */
        public Builder options(SessionOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * What a JSON-RPC session adds: protocol, response size.
         *
         * @param rpcOptions the JSON-RPC settings
         * @return this builder
         */
        public Builder rpcOptions(JsonRpcOptions rpcOptions) {
            this.rpcOptions = Objects.requireNonNull(rpcOptions, "rpcOptions");
            return this;
        }

        /**
         * What handles incoming requests and notifications.
         *
         * @param handler what serves the clients' calls
         * @return this builder
         */
        public Builder handler(RpcHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * The Jackson mapper that converts arguments, results and handler parameters and results of every
         * session (by default jrpcx's own, {@link io.jrpcx.jsonrpc.JsonConversion#defaultMapper()}). Register
         * modules on it for types such as {@code java.time.Instant}; messages are still parsed and
         * written by jrpcx's own reader and writer, with their limits.
         *
         * <pre>{@code
         * RpcServer.Builder builder = RpcServer.builder()
         *         .mapper(JsonMapper.builder().addModule(new JavaTimeModule()).build());
         * }</pre>
         *
         * @param mapper the mapper; jrpcx does not change it
         * @return this builder
         */
        public Builder mapper(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Hears each session's events.
         *
         * @param listener the listener, called on I/O threads; it must not block
         * @return this builder
         */
        public Builder listener(SessionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Runs on the I/O thread when a session opens; must not block.
         *
         * @param onOpen the action, given the new session
         * @return this builder
         */
        public Builder onOpen(Consumer<? super RpcSession> onOpen) {
            this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
            return this;
        }

        /**
         * Runs on the I/O thread when a session closes; must not block.
         *
         * @param onClose the action, given the closed session
         * @return this builder
         */
        public Builder onClose(Consumer<? super RpcSession> onClose) {
            this.onClose = Objects.requireNonNull(onClose, "onClose");
            return this;
        }

        /**
         * How long each negotiation of an accepted connection (TLS, WebSocket) may take.
         *
         * @param timeout the time limit, positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            transport.handshakeTimeout(timeout);
            return this;
        }

        /**
         * Runs connections on {@code group} instead of the shared event loops; the caller shuts it down.
         *
         * @param group the event loops to use
         * @return this builder
         */
        public Builder eventLoops(EventLoopGroup group) {
            transport.eventLoops(group);
            return this;
        }

        /**
         * Serves one session over this process's own stdin and stdout, as a language server does, with
         * Content-Length framing; see {@link #serveStdio(io.jrpcx.transport.StdioOptions)}.
         *
         * <pre>{@code
         * // in a language server's main method
         * RpcSession session = RpcServer.builder()
         *         .handler(RpcHandler.of(methods))
         *         .rpcOptions(JsonRpcOptions.builder().cancelRequests(true).build())
         *         .serveStdio();
         * session.closed().join();   // stdin ended, or a handler closed the session
         * }</pre>
         *
         * @return the open session
         */
        public RpcSession serveStdio() {
            return serveStdio(io.jrpcx.transport.StdioOptions.defaults());
        }

        /**
         * Serves one session over this process's own stdin and stdout with {@code stdio}'s framing
         * (Content-Length by default, newline selectable; the session options' framing is not used).
         * Addresses given to {@link #listen} are not used. While the session runs, {@code System.out}
         * points at stderr so that nothing else can write to the stream (see
         * {@link io.jrpcx.transport.StdioOptions#guardStdout()}); it is restored when the session closes.
         * The session closes once stdin ends and its work is answered, or when a handler closes it;
         * {@link #onOpen} and {@link #onClose} run for it. Returns at once with the open session.
         *
         * @param stdio the framing and the stdout guard
         * @return the open session
         */
        public RpcSession serveStdio(io.jrpcx.transport.StdioOptions stdio) {
            RpcSession session = RpcSession.create(options, rpcOptions, handler, listener, mapper);
            session.onClose(s -> onClose.accept(session));
            io.jrpcx.transport.StdioTransport.openOwnStdio(session.transportListener(), stdio);
            onOpen.accept(session);
            return session;
        }

        /**
         * Binds every address and starts accepting.
         *
         * @return the running server; close it to stop
         * @throws io.jrpcx.transport.TransportException when an address cannot be bound (those already
         *     bound are closed)
         */
        public RpcServer start() {
            TransportOptions t = transport.framing(options.framing()).build();
            SessionOptions opts = options;
            JsonRpcOptions rpc = rpcOptions;
            RpcHandler h = handler;
            SessionListener l = listener;
            com.fasterxml.jackson.databind.ObjectMapper m = mapper;
            return new RpcServer(SessionServer.start(List.copyOf(services), t, options.closeTimeout(),
                    costPools ? new CostPools(t.addressGrouping(), options.costDecayPerSecond()) : null,
                    () -> RpcSession.create(opts, rpc, h, l, m), onOpen, onClose));
        }
    }
}
