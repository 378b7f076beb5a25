package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcConnection;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.RpcError;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes the reply to one incoming request from the handler's outcome.
 *
 * <pre>{@code
 * byte[] reply = ReplyEncoder.encode(JsonRpc.V2, result, id, 0);
 * }</pre>
 */
public final class ReplyEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyEncoder.class);

    /** The answer to a result JSON cannot express. */
    static final RpcError UNENCODABLE = new RpcError(JsonRpc.INTERNAL_ERROR, "internal server error");

    private ReplyEncoder() {
    }

    /**
     * The reply to a request with id {@code id}: an error response for an {@link RpcError}, otherwise a
     * response with the outcome converted to JSON; replaced by an error response when it is larger than
     * {@code maxSize} bytes (0 for no limit).
     */
    public static byte[] encode(JsonRpcProtocol protocol, @Nullable Object outcome, RequestId id, int maxSize) {
        byte[] message;
        if (outcome instanceof RpcError error) {
            message = protocol.errorMessage(error, id);
        } else {
            try {
                JsonNode result = Json.toNode(outcome);
                message = protocol.responseMessage(result, id);
            } catch (IllegalArgumentException e) {
                LOG.debug("result of request {} cannot be sent as JSON: {}", id, e.toString());
                message = protocol.errorMessage(UNENCODABLE, id);
            }
        }
        if (maxSize > 0 && message.length > maxSize) {
            message = tooLarge(protocol, id, maxSize);
        }
        return message;
    }

    /**
     * The error response replacing a response over {@code maxSize} bytes: -32600
     * {@code response too large (over 1,000,000 bytes} (sic: the reference's text, digits grouped, no
     * closing parenthesis).
     */
    static byte[] tooLarge(JsonRpcProtocol protocol, RequestId id, int maxSize) {
        return protocol.errorMessage(new RpcError(JsonRpc.INVALID_REQUEST,
                String.format(Locale.ROOT, "response too large (over %,d bytes", maxSize)), id);
    }

    /** A single incoming request or notification. */
    public static final class Single implements JsonRpcConnection.Incoming {
        private final JsonRpcProtocol protocol;
        private final Item item;
        private final RequestId id;
        private final int maxSize;
        private static final java.lang.invoke.VarHandle DONE;

        static {
            try {
                DONE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Single.class, "done", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // through DONE
        private volatile boolean done;

        public Single(JsonRpcProtocol protocol, Item item, RequestId id, int maxSize) {
            this.protocol = protocol;
            this.item = item;
            this.id = id;
            this.maxSize = maxSize;
        }

        @Override
        public Item item() {
            return item;
        }

        @Override
        public RequestId id() {
            return id;
        }

        @Override
        public byte @Nullable [] complete(@Nullable Object outcome) {
            if (!DONE.compareAndSet(this, false, true)) {
                throw new IllegalStateException("already completed: " + item);
            }
            if (item instanceof Notification) {
                return null;
            }
            return encode(protocol, outcome, id, maxSize);
        }

        @Override
        public String toString() {
            return item + " id " + id;
        }
    }
}
