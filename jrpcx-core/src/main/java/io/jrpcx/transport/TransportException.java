package io.jrpcx.transport;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A transport failure: a connection that could not be made or a listener that could not be bound. The
 * message says which address and why; the cause is the underlying {@link IOException}.
 *
 * <pre>{@code
 * try {
 *     Transports.connect(Service.parse("tcp://127.0.0.1:9"), listener, TransportOptions.defaults());
 * } catch (TransportException e) {
 *     System.err.println(e.getMessage()); // "cannot connect to 127.0.0.1:9: Connection refused"
 * }
 * }</pre>
 */
public class TransportException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which address, and what failed
     * @param cause the underlying I/O error
     */
    public TransportException(String message, IOException cause) {
        super(message, cause);
    }
}
