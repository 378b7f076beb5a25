package io.jrpcx.socks;

import java.nio.ByteBuffer;

/**
 * The client side of one SOCKS handshake, without I/O: it says what to send, reads the proxy's
 * replies, and says when the connection through the proxy is ready. Replies may arrive split at any
 * byte. One handshake serves one connection. Made by {@link SocksProtocol#handshake}.
 *
 * <pre>{@code
 * SocksHandshake h = SocksProtocol.SOCKS5.handshake("example.com", 443, SocksAuth.none());
 * out.write(h.start());
 * while (!h.isDone()) {
 *     ByteBuffer reply = readSome(in);          // null at end of input
 *     if (reply == null) throw h.endOfInput();
 *     out.write(h.receive(reply));              // may be empty
 * }
 * // what is left in the last reply buffer is the first data from the destination
 * }</pre>
 */
public interface SocksHandshake {

    /** {@return the protocol this handshake speaks} */
    SocksProtocol protocol();

    /**
     * {@return the first message to send to the proxy} Call once, first.
     *
     * @throws IllegalStateException if called twice
     */
    byte[] start();

    /**
     * Reads reply bytes from {@code input}, up to the end of the handshake and no further: once
     * {@link #isDone()}, what remains in {@code input} belongs to the destination.
     *
     * @return the bytes to send to the proxy next, empty if none
     * @param input bytes received from the proxy; its position moves past what this call reads
     * @throws SocksException if the reply breaks the protocol or reports a refusal; the handshake
     *     then stays failed, and whatever this call would have sent before the bad reply is dropped
     *     (the connection is to be closed)
     * @throws IllegalStateException before {@link #start()}, after failure or once done
     */
    byte[] receive(ByteBuffer input);

    /** {@return whether the proxy has granted the connection: from now on, bytes go to the destination} */
    boolean isDone();

    /**
     * The error to report when the proxy closes the connection before the handshake is done: a
     * {@link SocksException.Kind#PROTOCOL} error saying how much of which reply was missing.
     *
     * @return the error, to throw
     */
    SocksException endOfInput();
}
