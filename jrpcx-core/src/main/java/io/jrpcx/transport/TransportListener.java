package io.jrpcx.transport;

import org.jspecify.annotations.Nullable;

/**
 * Receives a transport's events. All calls for one connection come from one I/O thread, in order:
 * {@link #onOpen}, then messages, then {@link #onClosed} exactly once. Implementations must not block.
 *
 * <pre>{@code
 * TransportListener listener = new TransportListener() {
 *     public void onOpen(MessageTransport t) { transport = t; }
 *     public void onMessage(byte[] message) { transport.send(message); } // echo
 *     public void onInputClosed() { transport.close(); }
 *     public void onClosed(Throwable cause) { }
 * };
 * }</pre>
 */
public interface TransportListener {

    /**
     * The connection is ready: every negotiation of its pipeline has finished.
     *
     * @param transport the connection, to send on and close
     */
    void onOpen(MessageTransport transport);

    /**
     * One whole message arrived.
     *
     * @param message the message's bytes, without framing
     */
    void onMessage(byte[] message);

    /** The bytes read so far have all been delivered; a good moment to flush replies. */
    default void onReadComplete() {
    }

    /**
     * The framer dropped input it could not accept (an oversized message, a bad checksum).
     *
     * @param reason what was dropped, for logs
     */
    default void onMessageDropped(String reason) {
    }

    /**
     * The peer will send nothing more (it shut down its side of the connection), but may still read:
     * answer what is in hand, then close. Called at most once, before {@link #onClosed}.
     */
    void onInputClosed();

    /**
     * The connection's writability changed (see {@link MessageTransport#isWritable()}).
     *
     * @param writable whether the connection takes more output without queuing it
     */
    default void onWritabilityChanged(boolean writable) {
    }

    /**
     * Reading stopped for {@code reasons}, or started again ({@code reasons} empty).
     *
     * @param reasons the reasons reading is paused; empty when it reads
     */
    default void onReadingChanged(java.util.Set<ReadPause> reasons) {
    }

    /**
     * The connection closed; {@code cause} is the error that closed it, if any.
     *
     * @param cause the error that closed the connection, or {@code null} for a normal close
     */
    void onClosed(@Nullable Throwable cause);
}
