package io.jrpcx.net;

import java.util.Objects;

/**
 * Thrown for a bad protocol, host, port, address or service string. It is the one exception of this
 * package; it extends {@link IllegalArgumentException} because it always reports bad input, and says
 * which {@link ServicePart} was wrong.
 *
 * <pre>{@code
 * try {
 *     NetAddress.parse(text);
 * } catch (AddressException e) {
 *     System.err.println("bad " + e.part() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class AddressException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The part of the address or service that was wrong. */
    private final ServicePart part;

    /**
     * Creates the exception.
     *
     * @param part the part that was wrong
     * @param message what was wrong, quoting the text
     */
    public AddressException(ServicePart part, String message) {
        super(message);
        this.part = Objects.requireNonNull(part, "part");
    }

    /** {@return the part of the address or service that was wrong} */
    public ServicePart part() {
        return part;
    }
}
