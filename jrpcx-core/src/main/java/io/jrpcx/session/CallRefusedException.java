package io.jrpcx.session;

import io.jrpcx.jsonrpc.RpcCallException;
import org.jspecify.annotations.Nullable;

/**
 * A call refused before anything was sent: a blocking call made on an I/O thread (where it would stall
 * every connection of that thread), a message the framing or protocol cannot carry, or too many calls
 * outstanding.
 *
 * <pre>{@code
 * try {
 *     session.request("echo", "x".repeat(2_000_000));
 * } catch (CallRefusedException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class CallRefusedException extends RpcCallException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which call was refused, and why
     */
    public CallRefusedException(String message) {
        super(message, null);
    }

    /**
     * Creates the exception.
     *
     * @param message which call was refused, and why
     * @param cause the underlying failure, or {@code null}
     */
    public CallRefusedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
