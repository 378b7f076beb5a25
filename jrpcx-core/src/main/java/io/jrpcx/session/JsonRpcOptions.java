package io.jrpcx.session;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import java.util.Objects;

/**
 * Immutable settings a JSON-RPC session adds to the {@link SessionOptions} every session has: the
 * protocol and the size of what it answers.
 *
 * <pre>{@code
 * JsonRpcOptions options = JsonRpcOptions.builder()
 *         .protocol(JsonRpc.AUTO)
 *         .maxResponseSize(500_000)
 *         .cancelRequests(true)      // LSP's $/cancelRequest, both ways
 *         .build();
 * }</pre>
 */
public final class JsonRpcOptions {
    private static final JsonRpcOptions DEFAULTS = builder().build();

    private final JsonRpcProtocol protocol;
    private final int maxResponseSize;
    private final int maxBatchLength;
    private final boolean cancelRequests;

    private JsonRpcOptions(Builder b) {
        this.cancelRequests = b.cancelRequests;
        this.protocol = b.protocol;
        this.maxResponseSize = b.maxResponseSize;
        this.maxBatchLength = b.maxBatchLength;
    }

    /**
     * JSON-RPC 2.0, responses up to 1 MB, batches of up to 1,000 items.
     *
     * @return the default options
     */
    public static JsonRpcOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder().protocol(protocol).maxResponseSize(maxResponseSize).maxBatchLength(maxBatchLength)
                .cancelRequests(cancelRequests);
    }

    /** {@return the JSON-RPC protocol the session speaks (or detects, for {@link JsonRpc#AUTO})} */
    public JsonRpcProtocol protocol() {
        return protocol;
    }

    /**
     * The largest response this session sends, a whole batch reply counted together; a larger one is
     * replaced by an error response.
     *
     * @return the limit in bytes
     */
    public int maxResponseSize() {
        return maxResponseSize;
    }

    /**
     * The most items an incoming batch may have; a longer batch is answered with one -32600 error and
     * none of its items is handled. 0 for no limit.
     *
     * @return the limit, or 0 for none
     */
    public int maxBatchLength() {
        return maxBatchLength;
    }

    /**
     * Whether cancellation travels over the wire, as the Language Server Protocol does it (default false).
     * When on, a call whose future is cancelled, or that times out, or whose waiting thread is interrupted,
     * sends the notification {@code $/cancelRequest} with params {@code {"id": <its id>}}; and when such a
     * notification arrives for a request being handled (or waiting to be), its handler's thread is
     * interrupted and the request is answered with error -32800 {@code Request cancelled}
     * ({@link io.jrpcx.jsonrpc.JsonRpc#REQUEST_CANCELLED}). A request already answered, or an unknown id,
     * is ignored. The notification is consumed by the session and never reaches the handler.
     *
     * @return whether cancellation travels over the wire
     */
    public boolean cancelRequests() {
        return cancelRequests;
    }

    @Override
    public String toString() {
        return "JsonRpcOptions[protocol=" + protocol.name() + ", maxResponseSize=" + maxResponseSize
                + ", maxBatchLength=" + maxBatchLength + ", cancelRequests=" + cancelRequests + "]";
    }

    /** Builds {@link JsonRpcOptions}; every setting starts at its default. */
    public static final class Builder {
        private JsonRpcProtocol protocol = JsonRpc.V2;
        private int maxResponseSize = SessionOptions.DEFAULT_MAX_MESSAGE_SIZE;
        private int maxBatchLength = io.jrpcx.jsonrpc.JsonRpcConnection.DEFAULT_MAX_BATCH_LENGTH;

        private boolean cancelRequests;

        private Builder() {
        }

        /**
         * Turns LSP-style cancellation over the wire on or off; see {@link JsonRpcOptions#cancelRequests()}.
         *
         * @param on whether cancelling a call sends {@code $/cancelRequest} and an incoming one interrupts its handler
         * @return this builder
         */
        public Builder cancelRequests(boolean on) {
            this.cancelRequests = on;
            return this;
        }

        /**
         * The most items an incoming batch may have; 1,000 by default.
         *
         * @param items the limit, or 0 for none
         * @return this builder
         * @throws IllegalArgumentException if {@code items} is negative
         */
        public Builder maxBatchLength(int items) {
            if (items < 0) {
                throw new IllegalArgumentException("maxBatchLength must not be negative: " + items);
            }
            this.maxBatchLength = items;
            return this;
        }

        /**
         * The JSON-RPC dialect; {@link JsonRpc#V2} by default.
         *
         * @param protocol the dialect, for example {@link JsonRpc#V1} or {@link JsonRpc#AUTO}
         * @return this builder
         */
        public Builder protocol(JsonRpcProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * The largest response the session sends; 1 MB by default.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public Builder maxResponseSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxResponseSize must be positive: " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        /** {@return options with these settings} */
        public JsonRpcOptions build() {
            return new JsonRpcOptions(this);
        }
    }
}
