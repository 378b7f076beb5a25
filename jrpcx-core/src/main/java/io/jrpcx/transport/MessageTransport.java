package io.jrpcx.transport;

import java.net.SocketAddress;

/**
 * A connection that carries whole messages: the transport frames what it sends and delivers each
 * message it receives, whole and in order, to its {@link TransportListener}. Sessions sit on this
 * interface, so every transport (TCP, TLS, Unix sockets, WebSocket) serves every session kind.
 *
 * <pre>{@code
 * MessageTransport transport = Transports.connect(Service.parse("tcp://127.0.0.1:8000"),
 *         listener, TransportOptions.defaults());
 * transport.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}".getBytes(UTF_8));
 * transport.close();
 * }</pre>
 */
public interface MessageTransport {

    /**
     * Queues one message for sending. Thread-safe and non-blocking; messages queued close together are
     * written with one flush. The message is framed on the calling thread, so a message the framing
     * refuses is refused here, to the caller, and nothing is queued. Messages sent after the transport
     * closed are dropped.
     *
     * @param message one whole message, without framing
     * @throws IllegalArgumentException if the framing cannot carry {@code message}
     */
    void send(byte[] message);

    /** Closes gracefully: queued messages are flushed first. Idempotent. */
    void close();

    /** Closes at once, discarding what is queued (a TCP reset where the transport has one). Idempotent. */
    void abort();

    /** {@return true until the connection is closed} */
    boolean isOpen();

    /** {@return whether the connection accepts more data without queueing in memory} */
    boolean isWritable();

    /**
     * Adds a reason to stop reading from the peer. Callable from any thread; applied on the I/O thread.
     * Reading resumes once every reason has been removed.
     *
     * @param reason why reading stops
     */
    void pauseReading(ReadPause reason);

    /**
     * Removes a reason given to {@link #pauseReading}. Callable from any thread.
     *
     * @param reason the reason to remove
     */
    void resumeReading(ReadPause reason);

    /** {@return true when called on this connection's I/O thread, where nothing may block} */
    boolean inIoThread();

    /**
     * The peer's address: through a proxy, the host and port the proxy was asked to reach (unresolved
     * when the proxy resolved the name).
     *
     * @return the peer's address
     */
    SocketAddress remoteAddress();

    /** {@return the proxy's own address when the connection goes through one} */
    default java.util.Optional<SocketAddress> proxyAddress() {
        return java.util.Optional.empty();
    }

    /** {@return the local address} */
    SocketAddress localAddress();

    /**
     * Whether this side may only answer what it receives: true for the server side of HTTP, where each
     * message sent is the response to one the client posted, so a server cannot send a request or
     * notification of its own there. False for every full-duplex transport.
     *
     * @return whether this side may only answer
     */
    default boolean answersOnly() {
        return false;
    }

    /**
     * Tells a transport that {@linkplain #answersOnly() only answers} that the message it delivered last
     * gets no answer (it held only notifications or responses): HTTP then responds {@code 204 No Content}.
     * Call it on the I/O thread, from {@link TransportListener#onMessage}. Other transports ignore it.
     */
    default void noReply() {
    }
}
