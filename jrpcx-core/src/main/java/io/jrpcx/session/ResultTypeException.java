package io.jrpcx.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.RpcCallException;

/**
 * The peer answered, but its result does not fit the type the caller asked for: a client-side failure
 * naming the method, the type and why. The answer itself is kept in {@link #result()}.
 *
 * <pre>{@code
 * try {
 *     int n = session.request("greet", Integer.class, "x");
 * } catch (ResultTypeException e) {
 *     // "result of 'greet' does not fit java.lang.Integer: expected an integer, got \"hello x\""
 *     System.err.println(e.getMessage() + "; it was " + e.result());
 * }
 * }</pre>
 */
public class ResultTypeException extends RpcCallException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final String type;
    private final transient JsonNode result;

    public ResultTypeException(String method, String type, JsonNode result, String why, Throwable cause) {
        super("result of '" + method + "' does not fit " + type + ": " + why, cause);
        this.method = method;
        this.type = type;
        this.result = result;
    }

    /** The method of the request. */
    public String method() {
        return method;
    }

    /** The type asked for, as Jackson writes it ({@code java.util.List<java.lang.Integer>}). */
    public String type() {
        return type;
    }

    /** The result as the peer sent it. */
    public JsonNode result() {
        return result;
    }
}
