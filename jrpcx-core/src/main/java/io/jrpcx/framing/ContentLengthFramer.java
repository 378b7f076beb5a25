package io.jrpcx.framing;

import io.jrpcx.internal.framing.ByteQueue;
import io.jrpcx.internal.framing.HeaderSection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Frames messages as the Language Server Protocol's base protocol does: a header section of
 * {@code Name: value} lines, each ended by CR LF, then an empty line, then a body of exactly
 * {@code Content-Length} bytes. A message is the body.
 *
 * <pre>{@code
 * Framer framer = new ContentLengthFramer();
 * byte[] wire = framer.frame(json);   // "Content-Length: 42\r\n\r\n" + json
 * framer.feed(stdout, FrameSink.of(
 *         connection::onMessage,
 *         reason -> connection.countError(reason),    // a body over the limit, skipped
 *         reason -> connection.close(reason)));       // a malformed header: the stream is lost
 * }</pre>
 *
 * <h2>Receiving</h2>
 * <ul>
 *   <li>Every header line ends with CR LF. Header names are compared without regard to case.
 *       {@code Content-Length} is required, once, with a value of decimal digits (spaces and tabs
 *       around the value are allowed). {@code Content-Type} and any other header are accepted and
 *       ignored, as the LSP specification asks; the body is passed on as bytes.</li>
 *   <li>A body longer than {@code maxSize} is known from the header before any of it is read. It is
 *       skipped, byte count exact, without being buffered; the skip is reported to
 *       {@link FrameSink#onDropped(String)} as soon as the header has arrived, and the next message is
 *       read from the byte after the skipped body.</li>
 *   <li>A malformed header section is fatal ({@link FrameSink#onFatal(String)}), and every later byte
 *       is ignored: a header section longer than {@code maxHeaderSize} bytes, a line ended by a bare LF
 *       or a CR not followed by LF, a line without a colon or with an empty or spaced name, a missing or
 *       repeated {@code Content-Length}, and one that is not a non-negative decimal number of at most 18
 *       digits. No re-synchronisation is attempted: without a trusted length nothing tells where the
 *       body ends, and searching the stream for something that looks like a header would let a body's
 *       contents pose as messages. So the connection should be closed.</li>
 * </ul>
 * The framer holds at most {@code maxHeaderSize} bytes of header and, for a body, no more than the
 * bytes received of it (never more than {@code maxSize}).
 *
 * <h2>Sending</h2>
 * {@link #frame(byte[])} writes {@code Content-Length: N}, an empty line, and the body.
 */
public final class ContentLengthFramer implements Framer {
    /** The default largest body, 16 MiB: language tools send whole source files. */
    public static final int DEFAULT_MAX_SIZE = 16 * 1024 * 1024;
    /** The default largest header section, 8 KiB, counting the line endings and the empty line. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024;

    private static final int LARGEST_LIMIT = Integer.MAX_VALUE - 16;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] PREFIX = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

    private enum State { HEADER, BODY, SKIP, FAILED }

    private final int maxSize;
    private final int limit;
    private final int maxHeaderSize;
    private final ByteQueue body = new ByteQueue();
    private final HeaderSection header;
    private State state = State.HEADER;
    private long skipping;
    private long droppedCount;
    private @Nullable String failure;

    /** A framer with the default limits, {@value #DEFAULT_MAX_SIZE} and {@value #DEFAULT_MAX_HEADER_SIZE} bytes. */
    public ContentLengthFramer() {
        this(DEFAULT_MAX_SIZE);
    }

    /**
     * A framer for bodies of at most {@code maxSize} bytes (0 means no limit) and the default header limit.
     *
     * @param maxSize the largest body in bytes, or 0 for no limit
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public ContentLengthFramer(int maxSize) {
        this(maxSize, DEFAULT_MAX_HEADER_SIZE);
    }

    /**
     * A framer for bodies of at most {@code maxSize} bytes (0 means no limit) and header sections of at
     * most {@code maxHeaderSize} bytes.
     *
     * @param maxSize the largest body in bytes, or 0 for no limit
     * @param maxHeaderSize the largest header section in bytes
     * @throws IllegalArgumentException if {@code maxSize} is negative or {@code maxHeaderSize} is below
     *     64 or above 1 MiB
     */
    public ContentLengthFramer(int maxSize, int maxHeaderSize) {
        checkMaxSize(maxSize);
        checkMaxHeaderSize(maxHeaderSize);
        this.maxSize = maxSize;
        this.limit = maxSize == 0 ? LARGEST_LIMIT : Math.min(maxSize, LARGEST_LIMIT);
        this.maxHeaderSize = maxHeaderSize;
        this.header = new HeaderSection(maxHeaderSize);
    }

    static void checkMaxSize(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be 0 (no limit) or positive: " + maxSize);
        }
    }

    static void checkMaxHeaderSize(int maxHeaderSize) {
        if (maxHeaderSize < 64 || maxHeaderSize > 1024 * 1024) {
            throw new IllegalArgumentException("maxHeaderSize must be between 64 and 1 MiB: " + maxHeaderSize);
        }
    }

    /** {@return the largest body in bytes given at construction; 0 means no limit} */
    public int maxSize() {
        return maxSize;
    }

    /** {@return the largest header section in bytes} */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** {@return how many messages this framer has dropped (skipped) so far} */
    public long droppedCount() {
        return droppedCount;
    }

    /**
     * Why this framer stopped reading, once it has reported a fatal error.
     *
     * @return the reason, or empty while the framer is reading
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Bytes held between calls to {@code feed}: of a header or of a body (for tests). */
    int bufferedBytes() {
        return state == State.BODY ? body.size() : header.size();
    }

    /** Capacity held for headers and bodies (for tests). */
    int bufferCapacity() {
        return header.capacity() + body.capacity();
    }

    /** Returns {@code Content-Length: N}, CR LF, CR LF and {@code message}. */
    @Override
    public byte[] frame(byte[] message) {
        byte[] digits = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
        int headerSize = PREFIX.length + digits.length + 4;
        byte[] out = new byte[headerSize + message.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(digits, 0, out, PREFIX.length, digits.length);
        int at = PREFIX.length + digits.length;
        out[at] = CR;
        out[at + 1] = LF;
        out[at + 2] = CR;
        out[at + 3] = LF;
        System.arraycopy(message, 0, out, headerSize, message.length);
        return out;
    }

    @Override
    public void feed(ByteBuffer data, FrameSink sink) {
        int pos = data.position();
        final int end = data.limit();
        while (pos < end || (state == State.BODY && body.isComplete())) {
            switch (state) {
                case HEADER -> {
                    int stop = header.take(data, pos, end);
                    pos = stop >= 0 ? stop : end;
                    data.position(pos);
                    if (stop >= 0) {
                        startBody(header.contentLength(), sink);
                    } else if (header.error() != null) {
                        fail(sink);
                    }
                }
                case BODY -> {
                    pos += body.append(data, pos, end);
                    if (body.isComplete()) {
                        state = State.HEADER;
                        data.position(pos);
                        sink.onMessage(body.take());
                    }
                }
                case SKIP -> {
                    int n = (int) Math.min(skipping, end - pos);
                    pos += n;
                    skipping -= n;
                    if (skipping == 0) {
                        state = State.HEADER;
                    }
                }
                case FAILED -> pos = end;
            }
        }
        data.position(end);
    }

    /** Starts the body announced by a complete header section ({@code length} -1 if it was bad). */
    private void startBody(long length, FrameSink sink) {
        if (length < 0) {
            fail(sink);
            return;
        }
        header.clear();
        if (length > limit) {
            state = State.SKIP;
            skipping = length;
            droppedCount++;
            sink.onDropped("dropped a message of " + length + " bytes, over the limit of " + limit
                    + ", and skipped its body");
        } else {
            body.start((int) length);
            state = State.BODY;
        }
    }

    private void fail(FrameSink sink) {
        String reason = Objects.requireNonNull(header.error());
        failure = reason;
        state = State.FAILED;
        header.release();
        sink.onFatal(reason);
    }

    @Override
    public String toString() {
        return "ContentLengthFramer(maxSize=" + maxSize + ", maxHeaderSize=" + maxHeaderSize + ")";
    }
}
