package io.jrpcx.session;

import io.jrpcx.transport.TcpTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Connects {@link RpcSession}s to servers. A client is immutable and may connect any number of times.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.builder()
 *         .options(SessionOptions.builder().protocol(JsonRpc.V2).build())
 *         .handler((session, item) -> "handled by the client")   // for server-to-client requests
 *         .build();
 * try (RpcSession session = client.connect(new InetSocketAddress("127.0.0.1", 8000))) {
 *     System.out.println(session.request("echo", "hello"));
 * }
 * }</pre>
 */
public final class RpcClient {
    private final SessionOptions options;
    private final RpcHandler handler;
    private final Duration connectTimeout;

    private RpcClient(Builder b) {
        this.options = b.options;
        this.handler = b.handler;
        this.connectTimeout = b.connectTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects over TCP, blocking until connected.
     *
     * @throws io.jrpcx.transport.TransportException when the connection cannot be made; its message
     *         names the address and the reason
     */
    public RpcSession connect(InetSocketAddress address) {
        RpcSession session = RpcSession.create(options, handler);
        TcpTransport.connect(address, options.framing(), session.transportListener(), connectTimeout);
        return session;
    }

    /** Builds an {@link RpcClient}. */
    public static final class Builder {
        private SessionOptions options = SessionOptions.defaults();
        private RpcHandler handler = RpcHandler.none();
        private Duration connectTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder options(SessionOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** What handles requests and notifications the server sends (by default: none are served). */
        public Builder handler(RpcHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public RpcClient build() {
            return new RpcClient(this);
        }
    }
}
