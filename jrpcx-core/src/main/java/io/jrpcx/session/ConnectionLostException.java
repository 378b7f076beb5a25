package io.jrpcx.session;

import io.jrpcx.jsonrpc.RpcCallException;
import org.jspecify.annotations.Nullable;

/**
 * A call could not complete because its session's connection closed first, or it was made on a session
 * already closed. The cause is what closed the connection, where one is known (an I/O error, a peer
 * that stopped reading for longer than the send delay).
 *
 * <pre>{@code
 * try {
 *     session.request("echo", "hi");
 * } catch (ConnectionLostException e) {
 *     reconnect();
 * }
 * }</pre>
 */
public class ConnectionLostException extends RpcCallException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which connection was lost, and for which call
     */
    public ConnectionLostException(String message) {
        super(message, null);
    }

    /**
     * Creates the exception.
     *
     * @param message which connection was lost, and for which call
     * @param cause what closed the connection, or {@code null} if unknown
     */
    public ConnectionLostException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
