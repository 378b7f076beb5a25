package io.jrpcx.session;

import io.jrpcx.transport.TransportException;
import java.io.IOException;

/**
 * A request could not complete because its session's connection closed first, or a message was sent on
 * a session already closed.
 *
 * <pre>{@code
 * try {
 *     session.request("echo", "hi");
 * } catch (ConnectionLostException e) {
 *     reconnect();
 * }
 * }</pre>
 */
public class ConnectionLostException extends TransportException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message) {
        super(message, new IOException(message));
    }
}
