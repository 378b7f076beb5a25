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

    /** {@return the schemes served} */
    public static Set<String> schemes() {
        return BY_SCHEME.keySet();
    }

    /**
     * {@return the transport of {@code scheme}}
     *
     * @param scheme the scheme, such as {@code tcp} or {@code wss}
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

    /**
     * {@return the transport of {@code service}'s scheme}
     *
     * @param service the service whose scheme is looked up
     */
    public static Transport forService(Service service) {
        return forScheme(service.protocol());
    }

    /**
     * Connects to {@code service} with the transport of its scheme; see {@link Transport#connect}.
     *
     * @param service where to connect
     * @param listener receives the connection's events and messages
     * @param options the framing, timeouts, proxy, TLS and WebSocket settings
     * @return the open connection
     */
    public static MessageTransport connect(Service service, TransportListener listener, TransportOptions options) {
        return forService(service).connect(service, listener, options);
    }

    /**
     * Listens on {@code service} with the transport of its scheme; see {@link Transport#serve}.
     *
     * @param service where to listen; port 0 asks for any free port
     * @param listeners gives a new listener for each accepted connection
     * @param options the framing, timeouts, limits, TLS and WebSocket settings
     * @return the listening server; close it to stop listening
     */
    public static TransportServer serve(Service service, java.util.function.Supplier<? extends TransportListener> listeners,
                                        TransportOptions options) {
        return forService(service).serve(service, listeners, options);
    }
}
