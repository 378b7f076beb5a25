package io.jrpcx.session;

import io.jrpcx.net.Service;
import io.jrpcx.transport.StdioOptions;
import io.jrpcx.transport.StdioTransport;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.Transports;
import java.util.Objects;

/**
 * Connects {@link RpcSession}s to servers, by URL ({@code tcp://host:port}, {@code tls://}, {@code ws://host:port/path},
 * {@code wss://}, {@code unix:///path}) or {@link Service}. A client
 * is immutable and may connect any number of times.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.builder()
 *         .rpcOptions(JsonRpcOptions.builder().protocol(JsonRpc.V2).build())
 *         .handler((session, item) -> "handled by the client")   // for server-to-client requests
 *         .build();
 * try (RpcSession session = client.connect("tcp://127.0.0.1:8000")) {
 *     System.out.println(session.request("echo", "hello"));
 * }
 * }</pre>
 */
public final class RpcClient {
    private final SessionOptions options;
    private final JsonRpcOptions rpcOptions;
    private final RpcHandler handler;
    private final SessionListener listener;
    private final TransportOptions transportOptions;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    private RpcClient(Builder b) {
        this.options = b.sessionOptions();
        this.rpcOptions = b.rpcOptions;
        this.handler = b.handler;
        this.listener = b.sessionListener();
        this.mapper = b.mapper;
        this.transportOptions = b.transport().framing(options.framing()).build();
    }

    /** {@return a builder with the defaults: JSON-RPC 2.0, no handler, jrpcx's mapper, 30 s to connect} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to {@code url} ({@code tcp://host:port}), blocking until the connection is open.
     *
     * @param url the server's URL, such as {@code tcp://127.0.0.1:8000} or {@code wss://example.com/rpc}
     * @return the open session; close it when done
     * @throws io.jrpcx.net.AddressException when the URL is not valid
     * @throws io.jrpcx.transport.TransportException when the connection cannot be made; its message
     *         names the address and the reason
     */
    public RpcSession connect(String url) {
        return connect(Service.parse(url));
    }

    /**
     * Connects to {@code service}, blocking until the connection is open; see {@link #connect(String)}.
     *
     * @param service the server's service
     * @return the open session; close it when done
     */
    public RpcSession connect(Service service) {
        RpcSession session = RpcSession.create(options, rpcOptions, handler, listener, mapper);
        session.cost().forClient(options);
        Transports.connect(service, session.transportListener(), transportOptions);
        return session;
    }

    /**
     * Starts {@code command} as a child process and runs a session over its stdin and stdout, framed with
     * Content-Length headers as language servers expect; see {@link #connectProcess(ProcessBuilder, StdioOptions)}.
     *
     * <pre>{@code
     * RpcClient client = RpcClient.builder()
     *         .rpcOptions(JsonRpcOptions.builder().cancelRequests(true).build())
     *         .build();
     * try (RpcSession lsp = client.connectProcess(new ProcessBuilder("pylsp"))) {
     *     JsonNode caps = lsp.request("initialize", Arguments.named(Map.of("processId", ProcessHandle.current().pid(),
     *             "rootUri", "file:///tmp", "capabilities", Map.of())));
     *     lsp.sendNotification("initialized", Arguments.named(Map.of()));
     *     lsp.request("shutdown", Arguments.none());
     *     lsp.sendNotification("exit", Arguments.none());
     * }
     * }</pre>
     *
     * @param command the child process to start; its stdin and stdout must be pipes (the default)
     * @return the open session
     * @throws io.jrpcx.transport.TransportException when the process cannot be started
     */
    public RpcSession connectProcess(ProcessBuilder command) {
        return connectProcess(command, StdioOptions.defaults());
    }

    /**
     * Starts {@code command} as a child process and runs a session over its stdin and stdout with
     * {@code stdio}'s framing (not the session options' framing: Content-Length by default, newline
     * selectable). The child's stderr, when a pipe, is drained to {@link StdioOptions#stderr()}. Its exit
     * ends the session: pending calls fail with a {@link ConnectionLostException} naming the exit code.
     * Closing the session closes the child's stdin, waits {@link StdioOptions#exitTimeout()} for it to
     * exit, then destroys it.
     *
     * @param command the child process to start; its stdin and stdout must be pipes (the default)
     * @param stdio the framing, exit timeout and stderr consumer
     * @return the open session
     * @throws io.jrpcx.transport.TransportException when the process cannot be started
     * @throws IllegalArgumentException when its stdin or stdout is not a pipe, or its stderr is merged
     *     into its stdout
     */
    public RpcSession connectProcess(ProcessBuilder command, StdioOptions stdio) {
        RpcSession session = RpcSession.create(options, rpcOptions, handler, listener, mapper);
        session.cost().forClient(options);
        StdioTransport.startProcess(command, session.transportListener(), stdio);
        return session;
    }

    /** Builds an {@link RpcClient}; what every client builder sets is in {@link ClientBuilder}. */
    public static final class Builder extends ClientBuilder<Builder> {
        private JsonRpcOptions rpcOptions = JsonRpcOptions.defaults();
        private RpcHandler handler = RpcHandler.none();
        private com.fasterxml.jackson.databind.ObjectMapper mapper = io.jrpcx.jsonrpc.JsonConversion.defaultMapper();

        private Builder() {
        }

        /**
         * HTTP settings for {@code http://} and {@code https://}: credentials and extra headers.
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
         * What handles requests and notifications the server sends (by default: none are served).
         *
         * @param handler what serves the server's calls
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
         * RpcClient client = RpcClient.builder()
         *         .mapper(JsonMapper.builder().addModule(new JavaTimeModule()).build())
         *         .build();
         * }</pre>
         *
         * @param mapper the mapper; jrpcx does not change it
         * @return this builder
         */
        public Builder mapper(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** {@return the client; it may connect any number of times} */
        public RpcClient build() {
            return new RpcClient(this);
        }
    }
}
