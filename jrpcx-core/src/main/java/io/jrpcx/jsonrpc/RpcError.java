package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC error: a code, a message and optional data. It is both the item of an error response and
 * the unchecked exception that a handler throws to send one, or that a caller receives when a request
 * it made fails.
 *
 * <pre>{@code
 * throw new RpcError(JsonRpc.INVALID_PARAMS, "amount must be positive");
 * }</pre>
 */
public non-sealed class RpcError extends RpcCallException implements Item {
    private static final long serialVersionUID = 1L;

    /** The JSON-RPC error code. */
    private final int code;
    private final transient @Nullable JsonNode data;

    /**
     * An error with no data.
     *
     * @param code the JSON-RPC error code, for example {@link JsonRpc#INVALID_PARAMS}
     * @param message a short description for the peer
     */
    public RpcError(int code, String message) {
        this(code, message, null);
    }

    /**
     * An error with data.
     *
     * @param code the JSON-RPC error code, for example {@link JsonRpc#INVALID_PARAMS}
     * @param message a short description for the peer
     * @param data more about the error, any JSON, or {@code null} for none
     */
    public RpcError(int code, String message, @Nullable JsonNode data) {
        super(message, null, false);
        this.code = code;
        this.data = data;
    }

    /** {@return the error code} */
    public int code() {
        return code;
    }

    /** {@return the error message} */
    public String message() {
        return String.valueOf(getMessage());
    }

    /** {@return the optional {@code data} member} */
    public @Nullable JsonNode data() {
        return data;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + code + ", " + getMessage() + ")";
    }
}
