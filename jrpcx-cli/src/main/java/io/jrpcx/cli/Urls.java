package io.jrpcx.cli;

import io.jrpcx.net.AddressDefaults;
import io.jrpcx.net.AddressException;
import io.jrpcx.net.Service;
import io.jrpcx.transport.Transports;
import java.util.TreeSet;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command's addresses, parsed by the library's one parser ({@link Service}): a URL such as
 * {@code tcp://127.0.0.1:8000}, {@code tls://}, {@code ws://HOST:PORT/PATH}, {@code wss://},
 * {@code http://HOST:PORT/PATH}, {@code https://} or
 * {@code unix:///PATH}, or a bare {@code HOST:PORT}, which means TCP (or the scheme of the option). A scheme no transport
 * serves is a usage error.
 *
 * <pre>{@code
 * Service target = Urls.connectTo("127.0.0.1:8000");      // tcp://127.0.0.1:8000
 * Service listen = Urls.listenOn("tcp://127.0.0.1:0");     // port 0: any free port
 * }</pre>
 */
final class Urls {
    private static final AddressDefaults TCP = AddressDefaults.none().withProtocol(Service.TCP);
    /** As {@link #TCP}, and HTTP's ports when an {@code http://} or {@code https://} URL names none. */
    private static final AddressDefaults CONNECT = ((AddressDefaults) (protocol, part) ->
            part != io.jrpcx.net.ServicePart.PORT ? null
                    : protocol.equals(Service.HTTP) ? "80" : protocol.equals(Service.HTTPS) ? "443" : null)
            .withProtocol(Service.TCP);

    private Urls() {
    }

    /** A service to connect to. */
    static Service connectTo(String text) {
        return supported(Service.parse(text, CONNECT));
    }

    /** A service to listen on: port 0 picks a free port. */
    static Service listenOn(String text) {
        return supported(Service.parseListening(text, TCP));
    }

    /**
     * A service of {@code scheme} to listen on, from {@code HOST:PORT} (a Unix socket: a path) or a URL
     * of that scheme ({@code ssl} stands for {@code tls}).
     */
    static Service listenOn(String text, String scheme) {
        Service service;
        if (text.contains("://")) {
            service = listenOn(text);
        } else if (scheme.equals(Service.UNIX)) {
            service = Service.unix(text);
        } else {
            service = Service.parseListening(text, AddressDefaults.none().withProtocol(scheme));
        }
        String actual = service.protocol().equals(Service.SSL) ? Service.TLS : service.protocol();
        if (!actual.equals(scheme)) {
            throw new AddressException(io.jrpcx.net.ServicePart.PROTOCOL,
                    "a " + scheme + " listener, not " + service.protocol() + "://");
        }
        return supported(service);
    }

    private static Service supported(Service service) {
        if (!Transports.schemes().contains(service.protocol())) {
            throw new AddressException(io.jrpcx.net.ServicePart.PROTOCOL, "unsupported scheme '" + service.protocol()
                    + "' (supported: " + String.join(", ", new TreeSet<>(Transports.schemes())) + ")");
        }
        return service;
    }

    /** How a peer's address reads in the connection log: {@code HOST:PORT}, IPv6 in brackets. */
    static String describe(java.net.SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress inet) {
            return io.jrpcx.net.NetAddress.of(inet).toString();
        }
        String text = String.valueOf(address);
        return text.isEmpty() ? "a Unix socket peer" : text;
    }

    /** Whether a URL holds {@code user:password@} before its host. */
    static boolean hasUserInfo(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        int start = scheme + 3;
        int slash = url.indexOf('/', start);
        return (slash < 0 ? url.substring(start) : url.substring(start, slash)).indexOf('@') >= 0;
    }

    /** Picocli converter for URLs to connect to. */
    static final class Target implements ITypeConverter<Service> {
        @Override
        public Service convert(String value) {
            if (value.startsWith("http") && hasUserInfo(value)) {
                throw new TypeConversionException("'" + value + "': credentials do not belong in the URL (the process"
                        + " list shows it): use --user USER:PASS, which can read them from a file (@FILE) or env:NAME");
            }
            try {
                return connectTo(value);
            } catch (AddressException e) {
                throw new TypeConversionException("'" + value + "': " + e.getMessage());
            }
        }
    }

    /** Picocli converters for listeners of one scheme. */
    static class ListenAs implements ITypeConverter<Service> {
        private final String scheme;

        ListenAs(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public Service convert(String value) {
            try {
                return listenOn(value, scheme);
            } catch (AddressException e) {
                throw new TypeConversionException("'" + value + "': " + e.getMessage());
            }
        }
    }

    static final class ListenTls extends ListenAs {
        ListenTls() {
            super(Service.TLS);
        }
    }

    static final class ListenWs extends ListenAs {
        ListenWs() {
            super(Service.WS);
        }
    }

    static final class ListenWss extends ListenAs {
        ListenWss() {
            super(Service.WSS);
        }
    }

    static final class ListenHttp extends ListenAs {
        ListenHttp() {
            super(Service.HTTP);
        }
    }

    static final class ListenHttps extends ListenAs {
        ListenHttps() {
            super(Service.HTTPS);
        }
    }

    static final class ListenUnix extends ListenAs {
        ListenUnix() {
            super(Service.UNIX);
        }
    }

    /** Picocli converter for URLs to listen on. */
    static final class Listen implements ITypeConverter<Service> {
        @Override
        public Service convert(String value) {
            try {
                return listenOn(value);
            } catch (AddressException e) {
                throw new TypeConversionException("'" + value + "': " + e.getMessage());
            }
        }
    }
}
