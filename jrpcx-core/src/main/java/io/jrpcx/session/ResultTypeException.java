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

    /** The method of the request. */
    private final String method;
    /** The type asked for. */
    private final String type;
    /** The result as sent. */
    private final transient JsonNode result;

    /**
     * A result of {@code method} that does not fit {@code type}, for the reason {@code why}.
     *
     * @param method the method of the request
     * @param type the type asked for, as Jackson writes it
     * @param result the result as the peer sent it
     * @param why why it does not fit ({@code expected an integer, got "x"})
     * @param cause the conversion's own failure
     */
    public ResultTypeException(String method, String type, JsonNode result, String why, Throwable cause) {
        super("result of '" + method + "' does not fit " + type + ": " + why, cause);
        this.method = method;
        this.type = type;
        this.result = result;
    }

    /** {@return the method of the request} */
    public String method() {
        return method;
    }

    /** {@return the type asked for, as Jackson writes it ({@code java.util.List<java.lang.Integer>})} */
    public String type() {
        return type;
    }

    /** {@return the result as the peer sent it} */
    public JsonNode result() {
        return result;
    }
}
