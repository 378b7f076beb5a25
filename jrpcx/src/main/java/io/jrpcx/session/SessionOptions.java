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

    private SessionOptions(Builder b) {
        this.protocol = b.protocol;
        this.framing = b.framing;
        this.maxResponseSize = b.maxResponseSize;
        this.closeTimeout = b.closeTimeout;
    }

    /** JSON-RPC 2.0, newline framing of messages up to 1 MB, responses up to 1 MB, close forced after 30 s. */
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
                .closeTimeout(closeTimeout);
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

    @Override
    public String toString() {
        return "SessionOptions[protocol=" + protocol.name() + ", maxResponseSize=" + maxResponseSize
                + ", closeTimeout=" + closeTimeout + "]";
    }

    /** Builds {@link SessionOptions}; every setting starts at its default. */
    public static final class Builder {
        private JsonRpcProtocol protocol = JsonRpc.V2;
        private Framing framing = Framing.newline(DEFAULT_MAX_MESSAGE_SIZE);
        private int maxResponseSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Duration closeTimeout = Duration.ofSeconds(30);

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

        public SessionOptions build() {
            return new SessionOptions(this);
        }
    }
}
