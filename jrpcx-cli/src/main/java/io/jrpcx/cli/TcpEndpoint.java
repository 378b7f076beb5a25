package io.jrpcx.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A TCP endpoint given on the command line as {@code HOST:PORT} or {@code tcp://HOST:PORT}; an IPv6
 * host is written in brackets, {@code [::1]:8000}.
 *
 * <pre>{@code
 * InetSocketAddress address = TcpEndpoint.parse("tcp://127.0.0.1:8000");
 * }</pre>
 */
public final class TcpEndpoint {
    private static final String SCHEME = "tcp://";

    private TcpEndpoint() {
    }

    /**
     * Parses an endpoint, without resolving the host name.
     *
     * @throws IllegalArgumentException when it is not {@code HOST:PORT} with a port from 0 to 65535
     */
    public static InetSocketAddress parse(String text) {
        String rest = text;
        if (rest.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            rest = rest.substring(SCHEME.length());
        } else if (rest.contains("://")) {
            throw new IllegalArgumentException("unsupported scheme in '" + text + "' (use tcp://HOST:PORT)");
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        String host = rest.substring(0, colon);
        String portText = rest.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 host in brackets, [::1]:PORT");
        }
        if (host.isEmpty() || !portText.chars().allMatch(c -> c >= '0' && c <= '9') || portText.length() > 5) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        int port = Integer.parseInt(portText);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is out of range");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The form {@code serve} prints: {@code tcp://HOST:PORT}, IPv6 hosts in brackets. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (host.contains(":")) {
            int zone = host.indexOf('%');
            host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
        }
        return SCHEME + host + ":" + address.getPort();
    }

    /** Resolves the host of an endpoint parsed by {@link #parse}. */
    static InetSocketAddress resolve(InetSocketAddress address) {
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }

    /** Picocli converter for endpoint options and parameters. */
    static final class Converter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
