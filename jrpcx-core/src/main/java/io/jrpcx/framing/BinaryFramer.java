package io.jrpcx.framing;

import io.jrpcx.internal.framing.ByteQueue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The base of framers for binary protocols whose every message starts with a fixed-size header that
 * holds a command, the payload's length and a check of the payload (Bitcoin's P2P protocol is one:
 * {@link BitcoinFramer}). The base does the buffering, the order of checks and the reports; a subclass
 * says only how its header is read and written.
 *
 * <h2>Messages as bytes</h2>
 * As {@link Framer} requires, a message is a {@code byte[]}: the header's command field, exactly
 * {@link #commandSize()} bytes as they are on the wire (with their padding), followed by the payload.
 * {@link #message(String, byte[])}, {@link #parse(byte[])}, {@link #frame(String, byte[])} and
 * {@link #frame(BinaryMessage)} convert to and from a {@link BinaryMessage}.
 *
 * <h2>Receiving</h2>
 * <ol>
 *   <li>The framer gathers {@code headerSize} bytes and asks {@link #checkHeader(byte[])} for the
 *       payload's length. The subclass checks everything it can from the header alone, the size limit
 *       above all, before one byte of payload is read; if the header is unacceptable it throws a
 *       {@link FramingException}, which the framer reports to {@link FrameSink#onFatal(String)}, and
 *       from then on it ignores all input.</li>
 *   <li>The framer gathers the payload in a queue that grows with the bytes received, never beyond the
 *       checked length (a peer that announces a large payload and then stalls costs little memory).</li>
 *   <li>It asks {@link #checkPayload(byte[], byte[])} whether the payload matches its header. If not, the
 *       message is dropped and reported to {@link FrameSink#onDropped(String)}, and the next header is
 *       read from the byte after it; otherwise the message goes to {@link FrameSink#onMessage(byte[])}.</li>
 * </ol>
 * Whether a message is delivered, dropped or fatal never depends on how the stream was split.
 *
 * <h2>Writing your own</h2>
 * A framer for a made-up protocol whose header is a 4-byte command, a big-endian length and a CRC-32 of
 * the payload:
 * <pre>{@code
 * final class Crc32Framer extends BinaryFramer {
 *     static final int MAX_PAYLOAD = 65_536;
 *
 *     Crc32Framer() {
 *         super(12, 0, 4);   // header size, where the command is in it, command size
 *     }
 *
 *     @Override
 *     protected int checkHeader(byte[] header) {
 *         long length = ByteBuffer.wrap(header).getInt(4) & 0xFFFF_FFFFL;
 *         if (length > MAX_PAYLOAD) {
 *             throw new FramingException("payload of " + length + " bytes is over " + MAX_PAYLOAD);
 *         }
 *         return (int) length;
 *     }
 *
 *     @Override
 *     protected @Nullable String checkPayload(byte[] header, byte[] message) {
 *         int crc = crc(message, commandSize());
 *         return crc == ByteBuffer.wrap(header).getInt(8) ? null : "bad CRC-32, message dropped";
 *     }
 *
 *     @Override
 *     protected void writeHeader(byte[] header, byte[] message) {   // the command is already in place
 *         ByteBuffer.wrap(header).putInt(4, message.length - commandSize()).putInt(8, crc(message, commandSize()));
 *     }
 *
 *     private static int crc(byte[] bytes, int from) {
 *         CRC32 crc = new CRC32();
 *         crc.update(bytes, from, bytes.length - from);
 *         return (int) crc.getValue();
 *     }
 * }
 * }</pre>
 * A subclass's hooks are called on the thread that calls {@code feed} (for the reading hooks) or
 * {@code frame} (for {@link #writeHeader}); {@code frame} may be called from any thread, concurrently
 * with {@code feed}, so {@code writeHeader} must not share mutable state with the reading hooks.
 */
public abstract class BinaryFramer implements Framer {
    private static final int LARGEST_MESSAGE = Integer.MAX_VALUE - 16;

    private final int headerSize;
    private final int commandOffset;
    private final int commandSize;
    private final byte[] header;
    private final ByteQueue queue = new ByteQueue();
    private int headerFill;
    private boolean inPayload;
    private @Nullable String failure;
    private long droppedCount;

    /**
     * A framer whose headers are {@code headerSize} bytes long with the command field at
     * {@code [commandOffset, commandOffset + commandSize)}.
     *
     * @param headerSize the size of every header, in bytes
     * @param commandOffset where the command field starts in the header
     * @param commandSize the size of the command field, in bytes
     * @throws IllegalArgumentException if the command field does not lie within the header
     */
    protected BinaryFramer(int headerSize, int commandOffset, int commandSize) {
        if (headerSize <= 0 || commandOffset < 0 || commandSize < 0 || commandOffset + commandSize > headerSize) {
            throw new IllegalArgumentException("the command field [" + commandOffset + ", +" + commandSize
                    + ") must lie within a header of " + headerSize + " bytes");
        }
        this.headerSize = headerSize;
        this.commandOffset = commandOffset;
        this.commandSize = commandSize;
        this.header = new byte[headerSize];
    }

    /** {@return the size of a header in bytes} */
    public final int headerSize() {
        return headerSize;
    }

    /** {@return the size of the command field in bytes, the first bytes of every message} */
    public final int commandSize() {
        return commandSize;
    }

    /** {@return how many messages this framer has dropped so far} */
    public final long droppedCount() {
        return droppedCount;
    }

    /**
     * Why this framer stopped reading, once it has reported a fatal error.
     *
     * @return the reason, or empty while the framer is reading
     */
    public final Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Bytes of an incomplete header or message held between calls to {@code feed} (for tests). */
    final int bufferedBytes() {
        return inPayload ? queue.size() : headerFill;
    }

    /** Capacity of the payload queue (for tests). */
    final int bufferCapacity() {
        return queue.capacity();
    }

    /**
     * Checks a received header and returns the length of the payload that follows it. Called once the
     * whole header has arrived and before any of the payload is read; {@code header} must not be kept.
     *
     * @param header the received header; only valid during this call
     * @return the payload's length in bytes, zero or more
     * @throws FramingException if the stream cannot be read on (for example a size over the limit or
     *     bytes that show it is not this protocol); the framer reports it as fatal
     */
    protected abstract int checkHeader(byte[] header);

    /**
     * Checks a received message against its header, and returns {@code null} if it is good, else the
     * reason it is dropped. {@code message} is the command field followed by the payload.
     *
     * @param header the message's header
     * @param message the command field followed by the payload
     * @return {@code null} if the message is good, else why it is dropped
     */
    protected abstract @Nullable String checkPayload(byte[] header, byte[] message);

    /**
     * Writes the header of {@code message} (the command field followed by the payload) into
     * {@code header}, whose command field already holds the message's first {@link #commandSize()}
     * bytes.
     *
     * @param header the header to fill in, its command field already written
     * @param message the command field followed by the payload
     */
    protected abstract void writeHeader(byte[] header, byte[] message);

    /**
     * Returns the header followed by the payload of {@code message}, which starts with the command field.
     *
     * @throws IllegalArgumentException if {@code message} is shorter than the command field
     */
    @Override
    public final byte[] frame(byte[] message) {
        if (message.length < commandSize) {
            throw new IllegalArgumentException("a message of " + message.length
                    + " bytes is shorter than the command field of " + commandSize + " bytes");
        }
        int payload = message.length - commandSize;
        if (payload > LARGEST_MESSAGE - headerSize) {
            throw new IllegalArgumentException("a payload of " + payload + " bytes is too large to frame");
        }
        byte[] out = new byte[headerSize + payload];
        byte[] head = new byte[headerSize];
        System.arraycopy(message, 0, head, commandOffset, commandSize);
        writeHeader(head, message);
        System.arraycopy(head, 0, out, 0, headerSize);
        System.arraycopy(message, commandSize, out, headerSize, payload);
        return out;
    }

    /**
     * Frames the message with this command and payload.
     *
     * @param command the command, at most {@link #commandSize()} one-byte characters
     * @param payload the payload bytes, possibly empty
     * @return the header followed by the payload, ready to send
     * @throws IllegalArgumentException if the command is longer than the command field or has a
     *     character that is not one byte (above U+00FF)
     */
    public final byte[] frame(String command, byte[] payload) {
        return frame(message(command, payload));
    }

    /**
     * Frames {@code message}, as {@link #frame(String, byte[])}.
     *
     * @param message the command and payload
     * @return the header followed by the payload, ready to send
     */
    public final byte[] frame(BinaryMessage message) {
        return frame(message.command(), message.payload());
    }

    /**
     * Returns the message bytes for this command and payload: the command, padded with NULs to the
     * command field's size, followed by the payload.
     *
     * @param command the command, at most {@link #commandSize()} one-byte characters
     * @param payload the payload bytes, possibly empty
     * @return a new array: the padded command field followed by the payload
     * @throws IllegalArgumentException if the command is longer than the command field or has a
     *     character that is not one byte (above U+00FF)
     */
    public final byte[] message(String command, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        int n = command.length();
        if (n > commandSize) {
            throw new IllegalArgumentException("command '" + command + "' is longer than " + commandSize + " bytes");
        }
        byte[] message = new byte[commandSize + payload.length];
        for (int i = 0; i < n; i++) {
            char c = command.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("command '" + command + "' has a character above U+00FF at " + i);
            }
            message[i] = (byte) c;
        }
        System.arraycopy(payload, 0, message, commandSize, payload.length);
        return message;
    }

    /**
     * Returns the command (its field without trailing NULs, one character per byte) and a copy of the
     * payload of a message received by this framer.
     *
     * @param message a message as this framer passed it to a {@link FrameSink}
     * @return the message's command and payload
     * @throws IllegalArgumentException if {@code message} is shorter than the command field
     */
    public final BinaryMessage parse(byte[] message) {
        if (message.length < commandSize) {
            throw new IllegalArgumentException("a message of " + message.length
                    + " bytes is shorter than the command field of " + commandSize + " bytes");
        }
        int end = commandSize;
        while (end > 0 && message[end - 1] == 0) {
            end--;
        }
        char[] command = new char[end];
        for (int i = 0; i < end; i++) {
            command[i] = (char) (message[i] & 0xFF);
        }
        return new BinaryMessage(new String(command), Arrays.copyOfRange(message, commandSize, message.length));
    }

    @Override
    public final void feed(ByteBuffer data, FrameSink sink) {
        int pos = data.position();
        final int end = data.limit();
        while (failure == null) {
            if (!inPayload) {
                int n = Math.min(headerSize - headerFill, end - pos);
                data.get(pos, header, headerFill, n);
                headerFill += n;
                pos += n;
                if (headerFill < headerSize) {
                    break;
                }
                headerFill = 0;
                data.position(pos);
                if (!startPayload(sink)) {
                    break;
                }
            }
            pos += queue.append(data, pos, end);
            if (!queue.isComplete()) {
                break;
            }
            inPayload = false;
            data.position(pos);
            byte[] message = queue.take();
            String bad = checkPayload(header, message);
            if (bad == null) {
                sink.onMessage(message);
            } else {
                droppedCount++;
                sink.onDropped(bad);
            }
        }
        data.position(end);
    }

    /** Checks the header just gathered; false if the stream failed. */
    private boolean startPayload(FrameSink sink) {
        int length;
        try {
            length = checkHeader(header);
            if (length < 0 || length > LARGEST_MESSAGE - commandSize) {
                throw new FramingException("a payload length of " + Integer.toUnsignedString(length)
                        + " bytes is too large");
            }
        } catch (FramingException e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), e.toString());
            failure = reason;
            queue.clear();
            sink.onFatal(reason);
            return false;
        }
        queue.start(commandSize + length);
        queue.append(header, commandOffset, commandSize);
        inPayload = true;
        return true;
    }
}
