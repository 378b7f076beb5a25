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
 * framer.feed(ByteBuffer.wrap("{\"a\":1}\n{\"b\":2}\n".getBytes(UTF_8)), msg -> handle(msg));
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
 * error. When a framer cannot re-synchronise (a Bitcoin header with another network's magic, a
 * malformed Content-Length header), it reports so once through {@link FrameSink#onFatal(String)} and
 * ignores all later input; the connection should be closed. (The default {@code onFatal} throws a
 * {@link FramingException}, the one exception that may then leave {@code feed}.)
 *
 * <h2>Writing your own framer</h2>
 * For a protocol whose messages start with a fixed-size header holding a command, a length and a
 * checksum, extend {@link BinaryFramer}: it does the buffering and the reports, and its Javadoc has a
 * complete example. Otherwise implement this interface; the rules that make a framer safe are:
 * <ul>
 *   <li>Keep the state of a partial message between calls: {@code feed} may get any split of the
 *       stream, down to one byte at a time, and the result must not depend on it. Test every split at
 *       every offset, as jrpcx's own framer tests do.</li>
 *   <li>Check a size against the limit as soon as it is known, and never allocate from a length the
 *       peer sent before checking it; grow buffers with the bytes actually received.</li>
 *   <li>Read only {@code data}'s bytes between its position and limit; leave the position at the limit,
 *       and at the next unread byte before each call into the sink.</li>
 *   <li>Report bad input to the sink instead of throwing: {@code onDropped} if the next message can be
 *       found, {@code onFatal} (once) if not.</li>
 * </ul>
 * A framer of messages prefixed by their 4-byte big-endian length, with a limit:
 * <pre>{@code
 * final class LengthPrefixFramer implements Framer {
 *     private final int limit;
 *     private final ByteBuffer prefix = ByteBuffer.allocate(4);
 *     private @Nullable ByteBuffer body;   // the message being gathered, sized once its length is checked
 *     private boolean failed;
 *
 *     LengthPrefixFramer(int limit) { this.limit = limit; }
 *
 *     public byte[] frame(byte[] message) {
 *         return ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).array();
 *     }
 *
 *     public void feed(ByteBuffer data, FrameSink sink) {
 *         while (data.hasRemaining() && !failed) {
 *             if (body == null) {
 *                 while (prefix.hasRemaining() && data.hasRemaining()) prefix.put(data.get());
 *                 if (prefix.hasRemaining()) return;
 *                 long length = prefix.flip().getInt() & 0xFFFF_FFFFL;
 *                 prefix.clear();
 *                 if (length > limit) {   // no way to find the next message without reading this one
 *                     failed = true;
 *                     data.position(data.limit());
 *                     sink.onFatal("a message of " + length + " bytes is over the limit of " + limit);
 *                     return;
 *                 }
 *                 body = ByteBuffer.allocate((int) length);
 *             }
 *             int n = Math.min(body.remaining(), data.remaining());
 *             body.put(body.position(), data, data.position(), n).position(body.position() + n);
 *             data.position(data.position() + n);
 *             if (!body.hasRemaining()) {
 *                 byte[] message = body.array();
 *                 body = null;
 *                 sink.onMessage(message);
 *             }
 *         }
 *         data.position(data.limit());
 *     }
 * }
 * }</pre>
 * (For brevity it sizes the body when its length arrives; {@link BinaryFramer} grows it with the bytes
 * received instead.)
 * Then {@code Framing framing = () -> new LengthPrefixFramer(65_536);} is all a transport needs.
 */
public interface Framer {

    /**
     * Returns the bytes to send for one message.
     *
     * @param message the message's bytes, without framing
     * @return a new array: the framed message, ready to send
     * @throws IllegalArgumentException if this framer cannot frame {@code message}, as the implementation
     *     documents (for example a newline inside a message for a newline framer)
     */
    byte[] frame(byte[] message);

    /**
     * Checks that {@code message} can be framed, throwing as {@link #frame(byte[])} would, without making
     * the frame. Safe on any thread. A transport calls it on the sending thread, so that a message the
     * framing refuses is refused to its sender, and frames the message later with {@link #writeFramed}.
     *
     * @param message the message's bytes, without framing
     * @throws IllegalArgumentException if this framer cannot frame {@code message}
     */
    default void check(byte[] message) {
        frame(message);
    }

    /**
     * Writes the frame of a message that passed {@link #check(byte[])} to {@code out}, in pieces, so a
     * transport can frame straight into its write buffer with no array in between. The default writes
     * {@link #frame(byte[])}.
     *
     * @param message a message that passed {@link #check(byte[])}
     * @param out where the frame's bytes go, in order
     */
    default void writeFramed(byte[] message, Output out) {
        byte[] framed = frame(message);
        out.write(framed, 0, framed.length);
    }

    /**
     * Where {@link #writeFramed} puts a frame: a transport's write buffer.
     *
     * <pre>{@code
     * ByteBuf buffer = Unpooled.buffer();   // Netty's
     * framer.writeFramed(message, (bytes, offset, length) -> buffer.writeBytes(bytes, offset, length));
     * }</pre>
     */
    @FunctionalInterface
    interface Output {
        /**
         * Appends {@code length} bytes of {@code bytes} from {@code offset}.
         *
         * @param bytes the array holding the bytes
         * @param offset the index of the first byte to append
         * @param length how many bytes to append
         */
        void write(byte[] bytes, int offset, int length);
    }

    /**
     * Consumes all of {@code data}, from its position to its limit, and passes each message completed by
     * it to {@code sink}, in order; the position ends at the limit. Input that the framer drops is reported
     * to {@link FrameSink#onDropped(String)}. Never throws for bad input. If the sink throws, the
     * exception propagates, the position marks the first byte not yet consumed, and the framer's state is
     * consistent with the bytes before it, so feeding may resume from there.
     *
     * @param data the bytes received; consumed from its position to its limit
     * @param sink receives the messages and the reports of dropped input
     */
    void feed(ByteBuffer data, FrameSink sink);

    /**
     * Like {@link #feed(ByteBuffer, FrameSink)}, passing messages to {@code messages} and ignoring
     * reports of dropped input.
     *
     * @param data the bytes received; consumed from its position to its limit
     * @param messages receives each whole message
     */
    default void feed(ByteBuffer data, Consumer<byte[]> messages) {
        feed(data, FrameSink.of(messages));
    }
}
