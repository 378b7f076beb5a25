package io.jrpcx.transport;

import io.jrpcx.net.Service;
import java.util.function.Supplier;

/**
 * A way to carry messages for one or more URL schemes ({@code tcp}, and later {@code tls}, {@code ws},
 * {@code unix}): a client connects with {@link #connect}, a server listens with {@link #serve}. Every
 * connection is a pipeline of negotiation steps followed by the framing layer and the message bridge;
 * it counts as open once every negotiation has finished. {@link Transports} finds the transport of a
 * scheme.
 *
 * <pre>{@code
 * Service service = Service.parse("tcp://127.0.0.1:8000");
 * MessageTransport t = Transports.forService(service).connect(service, listener, TransportOptions.defaults());
 * }</pre>
 */
public interface Transport {

    /**
     * Connects to {@code service}, blocking until the connection is open (every negotiation done); the
     * listener's {@link TransportListener#onOpen} has run when this returns.
     *
     * @param service where to connect
     * @param listener receives the connection's events and messages
     * @param options the framing, timeouts, proxy, TLS and WebSocket settings
     * @return the open connection
     * @throws TransportException when the connection cannot be made or a negotiation fails; the message
     *     names the address and the reason
     */
    MessageTransport connect(Service service, TransportListener listener, TransportOptions options);

    /**
     * Listens on {@code service}; each accepted connection gets a new listener from {@code listeners}
     * once it is open.
     *
     * @param service where to listen; port 0 asks for any free port
     * @param listeners gives a new listener for each accepted connection
     * @param options the framing, timeouts, limits, TLS and WebSocket settings
     * @return the listening server; close it to stop listening
     * @throws TransportException when the address cannot be bound
     */
    TransportServer serve(Service service, Supplier<? extends TransportListener> listeners, TransportOptions options);
}
