package io.jrpcx.session;

import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a session: the protocol, the framing and the limits.
 *
 * <pre>{@code
 * SessionOptions options = SessionOptions.builder()
 *         .protocol(JsonRpc.LOOSE)
 *         .maxResponseSize(500_000)
 *         .build();
 * SessionOptions strict = options.toBuilder().protocol(JsonRpc.V2).build();
 * }</pre>
 */
public final class SessionOptions {
    /** The default largest message, in bytes, both ways. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1_000_000;

    private static final SessionOptions DEFAULTS = builder().build();

    private final JsonRpcProtocol protocol;
    private final Framing framing;
    private final int maxResponseSize;
    private final Duration closeTimeout;
    private final Duration processingTimeout;
    private final Duration sentRequestTimeout;

    private SessionOptions(Builder b) {
        this.protocol = b.protocol;
        this.framing = b.framing;
        this.maxResponseSize = b.maxResponseSize;
        this.closeTimeout = b.closeTimeout;
        this.processingTimeout = b.processingTimeout;
        this.sentRequestTimeout = b.sentRequestTimeout;
    }

    /**
     * JSON-RPC 2.0, newline framing of messages up to 1 MB, responses up to 1 MB, close forced after
     * 30 s, requests processed within 30 s, sent requests answered within 30 s.
     */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .protocol(protocol)
                .framing(framing)
                .maxResponseSize(maxResponseSize)
                .closeTimeout(closeTimeout)
                .processingTimeout(processingTimeout)
                .sentRequestTimeout(sentRequestTimeout);
    }

    /** The JSON-RPC protocol the session speaks (or detects, for {@link JsonRpc#AUTO}). */
    public JsonRpcProtocol protocol() {
        return protocol;
    }

    /** Makes the framer of each new connection. */
    public Framing framing() {
        return framing;
    }

    /** The largest response this session sends; a larger one is replaced by an error response. */
    public int maxResponseSize() {
        return maxResponseSize;
    }

    /** How long a graceful close may take before the connection is aborted. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * How long a request handler (one that runs on its own thread) may take; past it the handler is
     * interrupted and the request answered with -102 {@code server busy - request timed out}.
     */
    public Duration processingTimeout() {
        return processingTimeout;
    }

    /**
     * How long the blocking {@link RpcSession#request} waits for a response before throwing
     * {@link io.jrpcx.concurrent.TaskTimeoutException}. Futures from {@code requestAsync} have no
     * limit of their own: use {@link java.util.concurrent.CompletableFuture#orTimeout}.
     */
    public Duration sentRequestTimeout() {
        return sentRequestTimeout;
    }

    @Override
    public String toString() {
        return "SessionOptions[protocol=" + protocol.name() + ", maxResponseSize=" + maxResponseSize
                + ", closeTimeout=" + closeTimeout + ", processingTimeout=" + processingTimeout
                + ", sentRequestTimeout=" + sentRequestTimeout + "]";
    }

    /** Builds {@link SessionOptions}; every setting starts at its default. */
    public static final class Builder {
        private JsonRpcProtocol protocol = JsonRpc.V2;
        private Framing framing = Framing.newline(DEFAULT_MAX_MESSAGE_SIZE);
        private int maxResponseSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Duration processingTimeout = Duration.ofSeconds(30);
        private Duration sentRequestTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder protocol(JsonRpcProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        public Builder maxResponseSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxResponseSize must be positive: " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative: " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        public Builder processingTimeout(Duration timeout) {
            this.processingTimeout = positive(timeout, "processingTimeout");
            return this;
        }

        public Builder sentRequestTimeout(Duration timeout) {
            this.sentRequestTimeout = positive(timeout, "sentRequestTimeout");
            return this;
        }

        private static Duration positive(Duration timeout, String what) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + timeout);
            }
            return timeout;
        }

        public SessionOptions build() {
            return new SessionOptions(this);
        }
    }
}
