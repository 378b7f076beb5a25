package io.jrpcx.net;

/**
 * The parts of a service string {@code protocol://host:port}: which part a default is asked for, and which
 * part an {@link AddressException} is about.
 *
 * <pre>{@code
 * AddressDefaults defaults = (protocol, part) -> part == ServicePart.PORT ? "50001" : null;
 * }</pre>
 */
public enum ServicePart {
    /** The protocol, such as {@code tcp} or {@code ssl}. */
    PROTOCOL,
    /** The host: a hostname or an IP address (or, for {@code unix}, the socket path). */
    HOST,
    /** The port, 1 to 65535. */
    PORT
}
