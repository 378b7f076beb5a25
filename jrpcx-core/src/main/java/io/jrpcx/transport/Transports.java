package io.jrpcx.transport;

import io.jrpcx.internal.transport.HttpTransport;
import io.jrpcx.internal.transport.TcpTransport;
import io.jrpcx.internal.transport.TlsTransport;
import io.jrpcx.internal.transport.UnixTransport;
import io.jrpcx.internal.transport.WebSocketTransport;
import io.jrpcx.net.Service;
import java.util.Map;
import java.util.Set;

/**
 * The transports jrpcx has, by URL scheme.
 *
 * <pre>{@code
 * Transport tcp = Transports.forScheme("tcp");
 * Set<String> schemes = Transports.schemes();   // [tcp, tls, ssl, ...]
 * }</pre>
 */
public final class Transports {
    private static final Map<String, Transport> BY_SCHEME = Map.of(
            Service.TCP, TcpTransport.INSTANCE,
            Service.TLS, TlsTransport.INSTANCE,
            Service.SSL, TlsTransport.INSTANCE,
            Service.UNIX, UnixTransport.INSTANCE,
            Service.WS, WebSocketTransport.INSTANCE,
            Service.WSS, WebSocketTransport.INSTANCE,
            Service.HTTP, HttpTransport.INSTANCE,
            Service.HTTPS, HttpTransport.INSTANCE);

    private Transports() {
    }

    /** The schemes served. */
    public static Set<String> schemes() {
        return BY_SCHEME.keySet();
    }

    /**
     * The transport of {@code scheme}.
     *
     * @throws TransportException when no transport serves it
     */
    public static Transport forScheme(String scheme) {
        Transport t = BY_SCHEME.get(scheme);
        if (t == null) {
            throw new TransportException("unsupported scheme '" + scheme + "' (supported: "
                    + String.join(", ", new java.util.TreeSet<>(BY_SCHEME.keySet())) + ")",
                    new java.io.IOException("unsupported scheme " + scheme));
        }
        return t;
    }

    /** The transport of {@code service}'s scheme. */
    public static Transport forService(Service service) {
        return forScheme(service.protocol());
    }

    /** Connects to {@code service} with the transport of its scheme; see {@link Transport#connect}. */
    public static MessageTransport connect(Service service, TransportListener listener, TransportOptions options) {
        return forService(service).connect(service, listener, options);
    }

    /** Listens on {@code service} with the transport of its scheme; see {@link Transport#serve}. */
    public static TransportServer serve(Service service, java.util.function.Supplier<? extends TransportListener> listeners,
                                        TransportOptions options) {
        return forService(service).serve(service, listeners, options);
    }
}
