package io.jrpcx.session;

import io.jrpcx.jsonrpc.RpcCallException;

/**
 * The caller gave up on a call: its thread was interrupted while it waited (the interrupt stays set), or
 * its future was cancelled. The request is forgotten: a late answer is dropped and counted.
 *
 * <pre>{@code
 * try {
 *     session.request("slow");
 * } catch (CallCancelledException e) {
 *     return;   // our own thread is being cancelled
 * }
 * }</pre>
 */
public class CallCancelledException extends RpcCallException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which call was cancelled, and why
     */
    public CallCancelledException(String message) {
        super(message, null);
    }
}
