package io.jrpcx.net;

import org.jspecify.annotations.Nullable;

/**
 * Supplies the parts left out of an address or service string. Asked for a {@link ServicePart} only when
 * that part is missing, with the protocol already known (empty while parsing a bare {@link NetAddress}),
 * so that, for example, the default port can depend on the protocol. Returned values are validated like
 * parsed ones.
 *
 * <pre>{@code
 * NetAddress a = NetAddress.parse("localhost", AddressDefaults.port(50001));   // localhost:50001
 * AddressDefaults electrum = (protocol, part) -> switch (part) {
 *     case PROTOCOL -> "tcp";
 *     case HOST -> "localhost";
 *     case PORT -> protocol.equals("ssl") ? "50002" : "50001";
 * };
 * Service s = Service.parse("ssl://example.com", electrum);                   // ssl://example.com:50002
 * }</pre>
 */
@FunctionalInterface
public interface AddressDefaults {

    /**
     * Returns the default for {@code part} of an address used with {@code protocol} ({@code ""} when
     * there is none), as text, or null for no default.
     *
     * @param protocol the service's protocol, such as {@code tcp}; {@code ""} when there is none
     * @param part the part that is missing
     * @return the default as text, or {@code null} for none
     */
    @Nullable String get(String protocol, ServicePart part);

    /** {@return no defaults: every part must be given} */
    static AddressDefaults none() {
        return (protocol, part) -> null;
    }

    /**
     * {@return a default port only}
     *
     * @param port the default port, 1 to 65535
     */
    static AddressDefaults port(int port) {
        String text = Integer.toString(Addresses.validatePort(port));
        return (protocol, part) -> part == ServicePart.PORT ? text : null;
    }

    /**
     * {@return a default host only}
     *
     * @param host the default host: a hostname or an IP literal without brackets
     */
    static AddressDefaults host(String host) {
        String text = Addresses.classifyHost(host).toString();
        return (protocol, part) -> part == ServicePart.HOST ? text : null;
    }

    /**
     * {@return a default host and port}
     *
     * @param host the default host: a hostname or an IP literal without brackets
     * @param port the default port, 1 to 65535
     */
    static AddressDefaults hostAndPort(String host, int port) {
        AddressDefaults hosts = host(host);
        AddressDefaults ports = port(port);
        return (protocol, part) -> part == ServicePart.PORT ? ports.get(protocol, part) : hosts.get(protocol, part);
    }

    /**
     * {@return these defaults, with {@code protocol} as the default protocol of a service string}
     *
     * @param protocol the default protocol, such as {@code tcp}
     */
    default AddressDefaults withProtocol(String protocol) {
        String text = Addresses.validateProtocol(protocol);
        AddressDefaults others = this;
        return (p, part) -> part == ServicePart.PROTOCOL ? text : others.get(p, part);
    }
}
