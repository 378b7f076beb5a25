package io.jrpcx.jsonrpc;

/**
 * Error codes and the protocol instances.
 *
 * <pre>{@code
 * JsonRpcProtocol protocol = JsonRpc.byName("v2");
 * throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method");
 * }</pre>
 */
public final class JsonRpc {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The library's own: an error response arrived without a usable code. */
    public static final int ERROR_CODE_UNAVAILABLE = -100;
    /** The library's own: the session used too many resources. */
    public static final int EXCESSIVE_RESOURCE_USAGE = -101;
    /** The library's own: the server is too busy. */
    public static final int SERVER_BUSY = -102;

    public static final JsonRpcProtocol V1 = null;
    public static final JsonRpcProtocol V2 = null;
    public static final JsonRpcProtocol LOOSE = null;
    public static final JsonRpcProtocol AUTO = null;

    private JsonRpc() {
    }

    /** The protocol for {@code v1}, {@code v2}, {@code loose} or {@code auto}. */
    public static JsonRpcProtocol byName(String name) {
        throw new UnsupportedOperationException("TODO");
    }
}
