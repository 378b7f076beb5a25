package io.jrpcx.session;

import java.util.Objects;
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
public final class RpcServer extends Server<RpcSession> {
    private RpcServer(SessionServer<RpcSession> core) {
        super(core);
    }

    /** {@return a builder; add at least one address to {@link Builder#listen(String) listen} on} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts an {@link RpcServer}; what every server builder sets is in {@link ServerBuilder}. */
    public static final class Builder extends ServerBuilder<RpcSession, Builder> {
        private JsonRpcOptions rpcOptions = JsonRpcOptions.defaults();
        private RpcHandler handler = RpcHandler.none();
        private com.fasterxml.jackson.databind.ObjectMapper mapper = io.jrpcx.jsonrpc.JsonConversion.defaultMapper();

        private Builder() {
        }

        /**
         * HTTP settings for {@code http://} and {@code https://} listeners: path, credentials, CORS origins.
         *
         * @param http the HTTP settings
         * @return this builder
         */
        public Builder http(io.jrpcx.transport.HttpOptions http) {
            transport().http(http);
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
            RpcSession session = RpcSession.create(sessionOptions(), rpcOptions, handler, sessionListener(), mapper);
            Consumer<? super RpcSession> onClose = closeAction();
            session.onClose(s -> onClose.accept(session));
            io.jrpcx.transport.StdioTransport.openOwnStdio(session.transportListener(), stdio);
            openAction().accept(session);
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
            SessionOptions opts = sessionOptions();
            JsonRpcOptions rpc = rpcOptions;
            RpcHandler h = handler;
            SessionListener l = sessionListener();
            com.fasterxml.jackson.databind.ObjectMapper m = mapper;
            return new RpcServer(startCore(transport().framing(opts.framing()).build(),
                    () -> RpcSession.create(opts, rpc, h, l, m)));
        }
    }
}
