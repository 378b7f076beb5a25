package io.jrpcx.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits a byte stream into messages and frames messages for sending. Sans-I/O: bytes go in through
 * {@link #feed(ByteBuffer, FrameSink)} in pieces of any size and whole messages come out, in order.
 * A framer instance belongs to one connection and is not thread-safe; a {@link Framing} makes one per
 * connection.
 *
 * <pre>{@code
 * Framer framer = new NewlineFramer(1_000_000);
 * framer.feed(ByteBuffer.wrap("{\"a\":1}\n{\"b\"".getBytes(UTF_8)), msg -> handle(msg));
 * byte[] wire = framer.frame("{\"c\":3}".getBytes(UTF_8));
 * }</pre>
 *
 * <h2>Messages are bytes</h2>
 * Both directions carry a message as a plain {@code byte[]}, for every framer. A framer whose wire
 * format carries more than a payload keeps that extra data inside the message bytes rather than
 * widening this interface: a length-prefixed binary framer's messages are just the payloads, and a
 * Bitcoin P2P framer's messages are the 12-byte NUL-padded command followed by the payload (the magic,
 * length and checksum of its 24-byte header are the framer's business). Such a framer may add typed
 * convenience methods of its own, such as {@code frame(String command, byte[] payload)}, while every
 * framer stays usable through this one interface by transports and sessions.
 *
 * <h2>Bad input</h2>
 * {@code feed} never throws because of what the peer sent. Input a framer cannot accept (for example a
 * message over its size limit) is discarded, the framer re-synchronises as its class documents, and
 * the sink hears of it through {@link FrameSink#onDropped(String)} so that a session can count an
 * error.
 */
public interface Framer {

    /**
     * Returns the bytes to send for one message.
     *
     * @throws IllegalArgumentException if this framer cannot frame {@code message}, as the implementation
     *     documents (for example a newline inside a message for a newline framer)
     */
    byte[] frame(byte[] message);

    /**
     * Consumes all of {@code data}, from its position to its limit, and passes each message completed by
     * it to {@code sink}, in order; the position ends at the limit. Input that the framer drops is reported
     * to {@link FrameSink#onDropped(String)}. Never throws for bad input. If the sink throws, the
     * exception propagates, the position marks the first byte not yet consumed, and the framer's state is
     * consistent with the bytes before it, so feeding may resume from there.
     */
    void feed(ByteBuffer data, FrameSink sink);

    /**
     * Like {@link #feed(ByteBuffer, FrameSink)}, passing messages to {@code messages} and ignoring
     * reports of dropped input.
     */
    default void feed(ByteBuffer data, Consumer<byte[]> messages) {
        feed(data, FrameSink.of(messages));
    }
}
