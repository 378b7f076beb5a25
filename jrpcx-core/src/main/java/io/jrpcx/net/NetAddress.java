package io.jrpcx.net;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A host and a port: where to connect or listen. The host is a hostname, an IPv4 address or an IPv6
 * address; nothing is looked up. The text form is {@code host:port}, with an IPv6 host in brackets
 * ({@code [::1]:50001}); {@link #parse(String)} reads what {@link #toString()} writes.
 *
 * <pre>{@code
 * NetAddress a = NetAddress.parse("[::1]:50001");
 * NetAddress b = NetAddress.of("localhost", 50001);
 * NetAddress c = NetAddress.parse("electrum.example.com", AddressDefaults.port(50002));
 * a.toString();   // "[::1]:50001"
 * }</pre>
 *
 * @param host the host
 * @param port the port, 1 to 65535, or 0 ({@link #ANY_PORT}) in an address to listen on, where it asks
 *     for any free port
 */
public record NetAddress(Host host, int port) {

    /** The port that asks a listener for any free port. */
    public static final int ANY_PORT = 0;

    /**
     * Checks the port.
     *
     * @throws AddressException if the port is not 0 to 65535
     */
    public NetAddress {
        Objects.requireNonNull(host, "host");
        if (port != ANY_PORT) {
            Addresses.validatePort(port);
        }
    }

    /**
     * {@return the address of {@code host} (a hostname or an IP literal without brackets) and {@code port}}
     *
     * @param host a hostname or an IP literal without brackets
     * @param port the port, 0 to 65535
     * @throws AddressException if either is invalid
     */
    public static NetAddress of(String host, int port) {
        return new NetAddress(Addresses.classifyHost(host), port);
    }

    /**
     * {@return the address of a socket address, without a lookup: its IP address if resolved, else its
     * hostname}
     *
     * @param address the socket address, resolved or not
     * @throws AddressException if the port is 0 or the hostname is invalid
     */
    public static NetAddress of(InetSocketAddress address) {
        Host host = address.isUnresolved() || address.getAddress() == null
                ? Addresses.classifyHost(address.getHostString())
                : IpAddress.of(address.getAddress());
        return new NetAddress(host, address.getPort());
    }

    /**
     * Parses {@code host:port} or {@code [host]:port}; an IPv6 host must be in brackets.
     *
     * @param text the address as text
     * @return the address
     * @throws AddressException if {@code text} is not such an address
     */
    public static NetAddress parse(String text) {
        return parse(text, AddressDefaults.none());
    }

    /**
     * Parses {@code host:port} or {@code [host]:port}, taking a missing host ({@code ":port"}) or port
     * ({@code "host"}, {@code "host:"}, {@code "[::1]"}) from {@code defaults}.
     *
     * @param text the address as text, possibly missing its host or port
     * @param defaults where the missing parts come from
     * @return the address
     * @throws AddressException if {@code text} is not such an address, or a part is missing and has no
     *     default
     */
    public static NetAddress parse(String text, AddressDefaults defaults) {
        return parse(text, "", defaults);
    }

    static NetAddress parse(String text, String protocol, AddressDefaults defaults) {
        return parse(text, protocol, defaults, false);
    }

    static NetAddress parse(String text, String protocol, AddressDefaults defaults, boolean anyPort) {
        String hostText;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new AddressException(ServicePart.HOST, "missing ']' in address " + Addresses.quote(text));
            }
            hostText = text.substring(1, close);
            if (close + 1 == text.length()) {
                portText = "";
            } else if (text.charAt(close + 1) == ':') {
                portText = text.substring(close + 2);
            } else {
                throw new AddressException(ServicePart.PORT,
                        "expected ':' after ']' in address " + Addresses.quote(text));
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw new AddressException(ServicePart.HOST, "too many ':' in address " + Addresses.quote(text)
                        + " (an IPv6 host goes in brackets, as in [::1]:50001)");
            }
            hostText = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? "" : text.substring(colon + 1);
        }
        Host host = Addresses.classifyHost(orDefault(hostText, defaults, protocol, ServicePart.HOST, text));
        String port = orDefault(portText, defaults, protocol, ServicePart.PORT, text);
        if (anyPort && port.equals("0")) {
            return new NetAddress(host, ANY_PORT);
        }
        return new NetAddress(host, Addresses.validatePort(port));
    }

    private static String orDefault(String given, AddressDefaults defaults, String protocol, ServicePart part,
            String text) {
        if (!given.isEmpty()) {
            return given;
        }
        @Nullable String value = defaults.get(protocol, part);
        if (value == null) {
            throw new AddressException(part, "no " + part.name().toLowerCase(java.util.Locale.ROOT)
                    + " in address " + Addresses.quote(text));
        }
        return value;
    }

    /**
     * This address as an {@link InetSocketAddress}, without a lookup: resolved for an IP address,
     * unresolved for a hostname.
     *
     * @return a new socket address
     */
    public InetSocketAddress toInetSocketAddress() {
        return switch (host) {
            case IpAddress ip -> new InetSocketAddress(ip.toInetAddress(), port);
            case HostName name -> InetSocketAddress.createUnresolved(name.name(), port);
        };
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    @Override
    public String toString() {
        return host instanceof IpAddress ip && ip.isIpv6() ? "[" + ip + "]:" + port : host + ":" + port;
    }
}
