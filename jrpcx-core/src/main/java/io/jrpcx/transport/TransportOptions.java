package io.jrpcx.transport;

import io.jrpcx.net.AddressGrouping;
import io.jrpcx.framing.Framing;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a connection's transport: the framing of its byte stream, the time limits for
 * connecting and for each negotiation (proxy, TLS, WebSocket), the TLS, WebSocket and HTTP settings, and the
 * Netty event loops it runs on.
 *
 * <pre>{@code
 * TransportOptions options = TransportOptions.builder()
 *         .framing(Framing.newline(64 * 1024))
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 */
public final class TransportOptions {
    private static final TransportOptions DEFAULTS = builder().build();

    private final Framing framing;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final @Nullable EventLoopGroup eventLoops;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final AddressGrouping addressGrouping;
    private final io.jrpcx.socks.@Nullable SocksProxy proxy;
    private final TlsOptions tls;
    private final WebSocketOptions webSocket;
    private final HttpOptions http;

    private TransportOptions(Builder b) {
        this.proxy = b.proxy;
        this.tls = b.tls;
        this.webSocket = b.webSocket;
        this.http = b.http;
        this.framing = b.framing;
        this.connectTimeout = b.connectTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
        this.eventLoops = b.eventLoops;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.addressGrouping = b.addressGrouping;
    }

    /**
     * Newline framing of messages up to 1 MB, 30 s to connect, 10 s for each negotiation, shared event loops.
     *
     * @return the default options
     */
    public static TransportOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder().framing(framing).connectTimeout(connectTimeout).handshakeTimeout(handshakeTimeout);
        b.eventLoops = eventLoops;
        b.proxy = proxy;
        return b.tls(tls).webSocket(webSocket).http(http).maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).addressGrouping(addressGrouping);
    }

    /**
     * Makes the framer of each new connection of a byte-stream transport.
     *
     * @return the framing
     */
    public Framing framing() {
        return framing;
    }

    /** {@return how long a client may take to connect (not counting negotiations)} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return how long each negotiation of a connection (proxy, TLS, WebSocket handshake) may take} */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@return the event loops given to {@link Builder#eventLoops}; empty for jrpcx's shared ones} */
    public Optional<EventLoopGroup> eventLoops() {
        return Optional.ofNullable(eventLoops);
    }

    /**
     * {@return the most connections a listening server holds at once, open or negotiating (default 10,000)} The
     * one over the limit is closed at once, as it is accepted, before any byte is read or written: the
     * peer sees its connection reset or closed.
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The most connections a listening server holds from one address group (see {@link #addressGrouping()},
     * default 200); local addresses are exempt unless the grouping includes them. Refused as
     * {@link #maxConnections()}.
     *
     * @return the limit per address group
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** {@return how peers' addresses are grouped for {@link #maxConnectionsPerAddress()}} */
    public AddressGrouping addressGrouping() {
        return addressGrouping;
    }

    /** {@return the SOCKS proxy a client connects through, if any} */
    public Optional<io.jrpcx.socks.SocksProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * TLS settings of {@code tls://}, {@code ssl://} and {@code wss://} connections.
     *
     * @return the TLS settings
     */
    public TlsOptions tls() {
        return tls;
    }

    /**
     * WebSocket settings of {@code ws://} and {@code wss://} connections.
     *
     * @return the WebSocket settings
     */
    public WebSocketOptions webSocket() {
        return webSocket;
    }

    /** {@return the HTTP settings of {@code http://} and {@code https://} connections} */
    public HttpOptions http() {
        return http;
    }

    /** Builds {@link TransportOptions}; every setting starts at its default. */
    public static final class Builder {
        private Framing framing = Framing.newline();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private @Nullable EventLoopGroup eventLoops;
        private int maxConnections = 10_000;
        private int maxConnectionsPerAddress = 200;
        private AddressGrouping addressGrouping = AddressGrouping.defaults();
        private io.jrpcx.socks.@Nullable SocksProxy proxy;
        private TlsOptions tls = TlsOptions.defaults();
        private WebSocketOptions webSocket = WebSocketOptions.defaults();
        private HttpOptions http = HttpOptions.defaults();

        private Builder() {
        }

        /**
         * The most connections a listening server holds at once; 10,000 by default.
         *
         * @param connections the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code connections} is below 1
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * The most connections a listening server holds from one address group; 200 by default.
         *
         * @param connections the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code connections} is below 1
         */
        public Builder maxConnectionsPerAddress(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1: " + connections);
            }
            this.maxConnectionsPerAddress = connections;
            return this;
        }

        /**
         * How peers' addresses are grouped for {@link TransportOptions#maxConnectionsPerAddress()}.
         *
         * @param grouping the grouping
         * @return this builder
         */
        public Builder addressGrouping(AddressGrouping grouping) {
            this.addressGrouping = Objects.requireNonNull(grouping, "grouping");
            return this;
        }

        /**
         * Connects clients through {@code proxy}: its handshake is the first negotiation of the pipeline.
         * The proxy resolves host names unless it says {@code Resolution.LOCAL}.
         *
         * @param proxy the SOCKS proxy
         * @return this builder
         */
        public Builder proxy(io.jrpcx.socks.SocksProxy proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * TLS settings of {@code tls://}, {@code ssl://} and {@code wss://} connections.
         *
         * @param tls the settings
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * WebSocket settings of {@code ws://} and {@code wss://} connections.
         *
         * @param webSocket the settings
         * @return this builder
         */
        public Builder webSocket(WebSocketOptions webSocket) {
            this.webSocket = Objects.requireNonNull(webSocket, "webSocket");
            return this;
        }

        /**
         * HTTP settings for {@code http://} and {@code https://} (path, credentials, headers, origins).
         *
         * @param http the HTTP settings
         * @return this builder
         */
        public Builder http(HttpOptions http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * How a byte stream is cut into messages; newline framing of up to 1 MB by default.
         *
         * @param framing the framing
         * @return this builder
         */
        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /**
         * How long a client may take to connect, not counting negotiations; 30 seconds by default.
         *
         * @param timeout the time limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long each negotiation (proxy, TLS, WebSocket handshake) may take; 10 seconds by default.
         *
         * @param timeout the time limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /**
         * Runs connections on {@code group} instead of jrpcx's shared event loops (an epoll group gets
         * native channels, any other group NIO ones). The caller owns the group and shuts it down.
         *
         * @param group the event loops to use
         * @return this builder
         */
        public Builder eventLoops(EventLoopGroup group) {
            this.eventLoops = Objects.requireNonNull(group, "group");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        /** {@return options with these settings} */
        public TransportOptions build() {
            return new TransportOptions(this);
        }
    }
}
