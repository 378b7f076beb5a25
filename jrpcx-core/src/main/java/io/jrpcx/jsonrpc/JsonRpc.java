package io.jrpcx.jsonrpc;

import io.jrpcx.internal.jsonrpc.AutoDetect;
import io.jrpcx.internal.jsonrpc.Dialect;
import java.util.Locale;

/**
 * Error codes and the protocol instances.
 *
 * <pre>{@code
 * JsonRpcProtocol protocol = JsonRpc.byName("v2");
 * throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method");
 * }</pre>
 */
public final class JsonRpc {
    /** -32700: the message is not valid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** -32600: the JSON is not a valid request. */
    public static final int INVALID_REQUEST = -32600;
    /** -32601: no method of that name. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** -32602: the arguments do not fit the method. */
    public static final int INVALID_PARAMS = -32602;
    /** -32603: the handler failed. */
    public static final int INTERNAL_ERROR = -32603;
    /** The library's own: an error response arrived without a usable code. */
    public static final int ERROR_CODE_UNAVAILABLE = -100;
    /** The library's own: the session used too many resources. */
    public static final int EXCESSIVE_RESOURCE_USAGE = -101;
    /** The library's own: the server is too busy. */
    public static final int SERVER_BUSY = -102;
    /** The Language Server Protocol's: the request was cancelled by its sender ({@value #CANCEL_REQUEST}). */
    public static final int REQUEST_CANCELLED = -32800;
    /** The Language Server Protocol's notification that cancels a request: params {@code {"id": <id>}}. */
    public static final String CANCEL_REQUEST = "$/cancelRequest";

    /** JSON-RPC 1.0, strictly: ids required, positional params only, no batches. */
    public static final JsonRpcProtocol V1 = Dialect.V1;
    /** JSON-RPC 2.0, strictly: the {@code "jsonrpc": "2.0"} member is required. */
    public static final JsonRpcProtocol V2 = Dialect.V2;
    /** Accepts 1.0 and 2.0 messages and messages between the two; sends 2.0 messages. */
    public static final JsonRpcProtocol LOOSE = Dialect.LOOSE;
    /** Speaks 2.0 until the first message arrives, then the dialect that message is written in. */
    public static final JsonRpcProtocol AUTO = AutoDetect.INSTANCE;

    private JsonRpc() {
    }

    /**
     * {@return the protocol for {@code v1}, {@code v2}, {@code loose} or {@code auto}}
     *
     * @param name one of {@code v1}, {@code v2}, {@code loose}, {@code auto}
     */
    public static JsonRpcProtocol byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "v1", "1", "1.0" -> V1;
            case "v2", "2", "2.0" -> V2;
            case "loose" -> LOOSE;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("unknown JSON-RPC protocol: " + name
                    + " (expected v1, v2, loose or auto)");
        };
    }
}
