package io.jrpcx.net;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A protocol and where to reach it: {@code tcp://host:port}. Protocol names are validated and kept in
 * lower case; any valid name is accepted, and those jrpcx knows are {@link #TCP}, {@link #SSL} and its
 * synonym {@link #TLS}, {@link #WS}, {@link #WSS}, {@link #HTTP}, {@link #HTTPS} and {@link #UNIX}. A {@code unix} service has a socket
 * path instead of a network address: everything after {@code unix://} is the path, as in
 * {@code unix:///run/app.sock}. A {@code ws}, {@code wss}, {@code http} or {@code https} service may have
 * a path after its address, as in {@code ws://host:8080/rpc} or {@code http://host:8332/wallet}.
 *
 * <pre>{@code
 * Service s = Service.parse("ssl://electrum.example.com:50002");
 * s.protocol();   // "ssl"
 * s.address();    // electrum.example.com:50002
 * s.isSecure();   // true
 * Service local = Service.parse("unix:///run/app.sock");
 * local.path();   // "/run/app.sock"
 * }</pre>
 */
public final class Service {
    /** Plain TCP. */
    public static final String TCP = "tcp";
    /** TCP with TLS. */
    public static final String SSL = "ssl";
    /** TCP with TLS (a synonym of {@link #SSL}). */
    public static final String TLS = "tls";
    /** WebSocket. */
    public static final String WS = "ws";
    /** WebSocket over TLS. */
    public static final String WSS = "wss";
    /** Unix domain socket. */
    public static final String UNIX = "unix";
    /** JSON-RPC over HTTP: each message one POST. */
    public static final String HTTP = "http";
    /** JSON-RPC over HTTPS. */
    public static final String HTTPS = "https";

    private static final Set<String> SECURE = Set.of(SSL, TLS, WSS, HTTPS);
    private static final String SEPARATOR = "://";

    private final String protocol;
    private final @Nullable NetAddress address;
    private final @Nullable String path;
    /** The path of a WebSocket URL ({@code /rpc} in {@code ws://host:port/rpc}), if it has one. */
    private final @Nullable String resource;

    private Service(String protocol, @Nullable NetAddress address, @Nullable String path) {
        this(protocol, address, path, null);
    }

    private Service(String protocol, @Nullable NetAddress address, @Nullable String path, @Nullable String resource) {
        this.protocol = protocol;
        this.address = address;
        this.path = path;
        this.resource = resource;
    }

    /**
     * {@return a service of {@code protocol} at {@code address}}
     *
     * @param protocol the protocol, such as {@code tcp}, {@code ssl}, {@code ws} or {@code wss}
     * @param address the network address
     * @throws AddressException if the protocol is invalid, or is {@code unix} (use {@link #unix(String)})
     */
    public static Service of(String protocol, NetAddress address) {
        String valid = Addresses.validateProtocol(protocol);
        if (valid.equals(UNIX)) {
            throw new AddressException(ServicePart.PROTOCOL, "a unix service has a path, not a network address");
        }
        return new Service(valid, Objects.requireNonNull(address, "address"), null);
    }

    /**
     * {@return a Unix domain socket service at {@code path}}
     *
     * @param path the socket file's path
     * @throws AddressException if the path is empty or contains a NUL character
     */
    public static Service unix(String path) {
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new AddressException(ServicePart.HOST, "invalid unix socket path: " + Addresses.quote(path));
        }
        return new Service(UNIX, null, path);
    }

    /**
     * Parses {@code protocol://host:port} (with an IPv6 host in brackets) or {@code unix://path}.
     *
     * @param text the service as text
     * @return the service
     * @throws AddressException if {@code text} is not such a service
     */
    public static Service parse(String text) {
        return parse(text, AddressDefaults.none());
    }

    /**
     * Parses {@code protocol://host:port}, taking missing parts from {@code defaults}, which learn the
     * protocol when asked for a host or port. Without {@code ://} the whole text is the address, and the
     * protocol must come from the defaults.
     *
     * @param text the service as text, possibly missing parts
     * @param defaults where the missing parts come from
     * @return the service
     * @throws AddressException if {@code text} is not such a service, or a part is missing and has no
     *     default
     */
    public static Service parse(String text, AddressDefaults defaults) {
        return parse(text, defaults, false);
    }

    /**
     * Parses a service to listen on: as {@link #parse(String)}, and port 0 asks for any free port, as in
     * {@code tcp://127.0.0.1:0}.
     *
     * @param text the service as text
     * @return the service
     * @throws AddressException if {@code text} is not such a service
     */
    public static Service parseListening(String text) {
        return parse(text, AddressDefaults.none(), true);
    }

    /**
     * As {@link #parseListening(String)}, taking missing parts from {@code defaults}.
     *
     * @param text the service as text, possibly missing parts
     * @param defaults where the missing parts come from
     * @return the service
     */
    public static Service parseListening(String text, AddressDefaults defaults) {
        return parse(text, defaults, true);
    }

    private static Service parse(String text, AddressDefaults defaults, boolean anyPort) {
        int separator = text.indexOf(SEPARATOR);
        String protocol;
        String rest;
        if (separator >= 0) {
            protocol = Addresses.validateProtocol(text.substring(0, separator));
            rest = text.substring(separator + SEPARATOR.length());
        } else {
            String fallback = defaults.get("", ServicePart.PROTOCOL);
            if (fallback == null) {
                throw new AddressException(ServicePart.PROTOCOL,
                        "no protocol in service " + Addresses.quote(text) + " (expected protocol://host:port)");
            }
            protocol = Addresses.validateProtocol(fallback);
            rest = text;
        }
        if (protocol.equals(UNIX)) {
            return unix(rest);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0 && hasUrlPath(protocol)) {
            String resource = rest.substring(slash);
            if (resource.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                String what = protocol.startsWith("http") ? "invalid URL path " : "invalid WebSocket path ";
                throw new AddressException(ServicePart.HOST, what + Addresses.quote(resource));
            }
            return new Service(protocol, NetAddress.parse(rest.substring(0, slash), protocol, defaults, anyPort), null, resource);
        }
        return new Service(protocol, NetAddress.parse(rest, protocol, defaults, anyPort), null);
    }

    private static boolean hasUrlPath(String protocol) {
        return protocol.equals(WS) || protocol.equals(WSS) || protocol.equals(HTTP) || protocol.equals(HTTPS);
    }

    /** {@return the protocol, in lower case} */
    public String protocol() {
        return protocol;
    }

    /** {@return whether this is a Unix domain socket service, which has a {@link #path()} and no address} */
    public boolean isUnix() {
        return path != null;
    }

    /** {@return whether the protocol runs over TLS: {@code ssl}, {@code tls}, {@code wss} or {@code https}} */
    public boolean isSecure() {
        return SECURE.contains(protocol);
    }

    /** {@return whether the protocol is WebSocket: {@code ws} or {@code wss}} */
    public boolean isWebSocket() {
        return protocol.equals(WS) || protocol.equals(WSS);
    }

    /** {@return whether the protocol is JSON-RPC over HTTP: {@code http} or {@code https}} */
    public boolean isHttp() {
        return protocol.equals(HTTP) || protocol.equals(HTTPS);
    }

    /**
     * The path of a WebSocket URL, such as {@code /rpc} in {@code ws://host:port/rpc}; empty when the URL
     * has none (the transport then uses its default, {@code /}). The same as {@link #urlPath()}.
     *
     * @return the path, or empty
     */
    public java.util.Optional<String> webSocketPath() {
        return java.util.Optional.ofNullable(resource);
    }

    /**
     * {@return the path of a WebSocket or HTTP URL, such as {@code /wallet} in {@code http://host:8332/wallet};
     * empty when the URL has none}
     */
    public java.util.Optional<String> urlPath() {
        return java.util.Optional.ofNullable(resource);
    }

    /**
     * {@return this service with the network address {@code address}, keeping its protocol and WebSocket path}
     *
     * @param address the new network address
     */
    public Service withAddress(NetAddress address) {
        Service s = of(protocol, address);
        return new Service(s.protocol, s.address, null, resource);
    }

    /**
     * {@return the network address}
     *
     * @throws IllegalStateException for a {@code unix} service
     */
    public NetAddress address() {
        if (address == null) {
            throw new IllegalStateException("a unix service has a path, not a network address: " + this);
        }
        return address;
    }

    /** {@return the host of the network address; see {@link #address()}} */
    public Host host() {
        return address().host();
    }

    /** {@return the port of the network address; see {@link #address()}} */
    public int port() {
        return address().port();
    }

    /**
     * {@return the socket path of a {@code unix} service}
     *
     * @throws IllegalStateException for any other service
     */
    public String path() {
        if (path == null) {
            throw new IllegalStateException("only a unix service has a path: " + this);
        }
        return path;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Service that && protocol.equals(that.protocol)
                && Objects.equals(address, that.address) && Objects.equals(path, that.path)
                && Objects.equals(resource, that.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, address, path, resource);
    }

    /** {@code protocol://host:port}, {@code ws://host:port/path}, {@code http://host:port/path} or {@code unix://path}, as {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return protocol + SEPARATOR + (path != null ? path : address + (resource == null ? "" : resource));
    }
}
