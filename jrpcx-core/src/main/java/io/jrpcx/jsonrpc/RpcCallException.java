package io.jrpcx.jsonrpc;

import org.jspecify.annotations.Nullable;

/**
 * The one family of failures of a call made to a peer: the peer's error response ({@link RpcError}),
 * the connection lost before the answer came, no answer in time, the call refused locally (the session
 * closed, a message the framing cannot carry, a blocking call on an I/O thread), or the call cancelled
 * by its caller. Unchecked; nothing else escapes from a session's {@code request}.
 *
 * <pre>{@code
 * try {
 *     session.request("echo", "hi");
 * } catch (RpcError e) {
 *     System.err.println("the peer says " + e.code() + ": " + e.message());
 * } catch (RpcCallException e) {
 *     System.err.println("no answer: " + e.getMessage());
 * }
 * }</pre>
 */
public abstract class RpcCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a stack trace.
     *
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    protected RpcCallException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null}
     * @param writableStackTrace whether to record a stack trace; {@code false} for errors that are expected and
     *     frequent, such as a peer's error responses
     */
    protected RpcCallException(String message, @Nullable Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }
}
