package io.jrpcx.transport;

import java.net.SocketAddress;

/**
 * A connection that carries whole messages: the transport frames what it sends and delivers each
 * message it receives, whole and in order, to its {@link TransportListener}. Sessions sit on this
 * interface, so every transport (TCP, TLS, Unix sockets, WebSocket) serves every session kind.
 *
 * <pre>{@code
 * MessageTransport transport = TcpTransport.connect(address, Framing.newline(), listener);
 * transport.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}".getBytes(UTF_8));
 * transport.close();
 * }</pre>
 */
public interface MessageTransport {

    /**
     * Queues one message for sending. Thread-safe and non-blocking; messages queued close together are
     * written with one flush. Messages sent after the transport closed are dropped.
     */
    void send(byte[] message);

    /** Closes gracefully: queued messages are flushed first. Idempotent. */
    void close();

    /** Closes at once, discarding what is queued (a TCP reset where the transport has one). Idempotent. */
    void abort();

    /** True until the connection is closed. */
    boolean isOpen();

    /** Whether the connection accepts more data without queueing in memory. */
    boolean isWritable();

    /** Stops or resumes reading from the peer (backpressure). */
    void setReading(boolean reading);

    /** True when called on this connection's I/O thread, where nothing may block. */
    boolean inIoThread();

    /** The peer's address. */
    SocketAddress remoteAddress();

    /** The local address. */
    SocketAddress localAddress();
}
