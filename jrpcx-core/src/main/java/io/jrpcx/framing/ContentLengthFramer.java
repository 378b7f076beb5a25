package io.jrpcx.framing;

import io.jrpcx.internal.framing.ByteQueue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *         session::onMessage,
 *         reason -> session.countError(reason),    // a body over the limit, skipped
 *         reason -> session.close(reason)));       // a malformed header: the stream is lost
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
    private static final int RETAINED_HEADER_CAPACITY = 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] PREFIX = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DIGITS = 18;

    private enum State { HEADER, BODY, SKIP, FAILED }

    private final int maxSize;
    private final int limit;
    private final int maxHeaderSize;
    private final ByteQueue body = new ByteQueue();
    private State state = State.HEADER;
    private byte[] header = new byte[0];
    private int headerLength;
    private int lineStart;
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
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public ContentLengthFramer(int maxSize) {
        this(maxSize, DEFAULT_MAX_HEADER_SIZE);
    }

    /**
     * A framer for bodies of at most {@code maxSize} bytes (0 means no limit) and header sections of at
     * most {@code maxHeaderSize} bytes.
     *
     * @throws IllegalArgumentException if {@code maxSize} is negative or {@code maxHeaderSize} is below
     *     64 or above 1 MiB
     */
    public ContentLengthFramer(int maxSize, int maxHeaderSize) {
        checkMaxSize(maxSize);
        checkMaxHeaderSize(maxHeaderSize);
        this.maxSize = maxSize;
        this.limit = maxSize == 0 ? LARGEST_LIMIT : Math.min(maxSize, LARGEST_LIMIT);
        this.maxHeaderSize = maxHeaderSize;
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

    /** The largest body in bytes given at construction; 0 means no limit. */
    public int maxSize() {
        return maxSize;
    }

    /** The largest header section in bytes. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** How many messages this framer has dropped (skipped) so far. */
    public long droppedCount() {
        return droppedCount;
    }

    /** Why this framer stopped reading, once it has reported a fatal error. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Bytes held between calls to {@code feed}: of a header or of a body (for tests). */
    int bufferedBytes() {
        return state == State.BODY ? body.size() : headerLength;
    }

    /** Capacity held for headers and bodies (for tests). */
    int bufferCapacity() {
        return header.length + body.capacity();
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
                    int stop = headerBytes(data, pos, end);
                    if (stop >= 0) {
                        pos = stop;
                        data.position(pos);
                        endOfHeader(sink);
                    } else {
                        pos = end;
                        if (failure != null) {
                            data.position(end);
                            report(failure, sink);
                        }
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

    /**
     * Takes header bytes from {@code data[pos, end)} and returns the index after the empty line that ends
     * the section, or -1 if it has not arrived yet (or the header failed).
     */
    private int headerBytes(ByteBuffer data, int pos, int end) {
        for (int i = pos; i < end; i++) {
            byte b = data.get(i);
            if (headerLength == maxHeaderSize) {
                fail("a header section over " + maxHeaderSize + " bytes");
                return -1;
            }
            if (headerLength > 0 && header[headerLength - 1] == CR && b != LF) {
                fail("a CR not followed by LF in the header section");
                return -1;
            }
            if (b == LF) {
                if (headerLength == 0 || header[headerLength - 1] != CR) {
                    fail("a header line ended by LF without CR");
                    return -1;
                }
                append(b);
                if (headerLength - lineStart == 2) {
                    return i + 1;
                }
                lineStart = headerLength;
            } else {
                append(b);
            }
        }
        return -1;
    }

    private void append(byte b) {
        if (headerLength == header.length) {
            header = Arrays.copyOf(header, Math.min(maxHeaderSize, Math.max(64, header.length * 2)));
        }
        header[headerLength++] = b;
    }

    /** Reads the complete header section in {@code header[0, headerLength)} and starts the body. */
    private void endOfHeader(FrameSink sink) {
        long length = -1;
        int lineEnd;
        for (int from = 0; from < headerLength - 2; from = lineEnd + 2) {
            lineEnd = indexOfCr(from);
            int colon = indexOf((byte) ':', from, lineEnd);
            if (colon < 0) {
                fail("a header line without ':': " + text(from, lineEnd), sink);
                return;
            }
            if (colon == from || !isToken(from, colon)) {
                fail("a malformed header name: " + text(from, colon), sink);
                return;
            }
            if (!isContentLength(from, colon)) {
                continue;
            }
            if (length >= 0) {
                fail("a second Content-Length header", sink);
                return;
            }
            length = parseLength(colon + 1, lineEnd);
            if (length < 0) {
                String value = text(colon + 1, lineEnd).strip();
                fail((value.startsWith("-") ? "a negative Content-Length: '" : "a malformed Content-Length: '")
                        + value + "' (a decimal number of at most " + MAX_DIGITS + " digits is required)", sink);
                return;
            }
        }
        resetHeader();
        if (length < 0) {
            fail("a header section without Content-Length", sink);
        } else if (length > limit) {
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

    private int indexOfCr(int from) {
        int i = from;
        while (header[i] != CR) {
            i++;
        }
        return i;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (header[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean isToken(int from, int to) {
        for (int i = from; i < to; i++) {
            int c = header[i] & 0xFF;
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private boolean isContentLength(int from, int to) {
        String name = "content-length";
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) header[from + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of digits surrounded by optional spaces and tabs, or -1. */
    private long parseLength(int from, int to) {
        while (from < to && (header[from] == ' ' || header[from] == '\t')) {
            from++;
        }
        while (to > from && (header[to - 1] == ' ' || header[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private String text(int from, int to) {
        int shown = Math.min(to - from, 80);
        return new String(header, from, shown, StandardCharsets.ISO_8859_1) + (shown < to - from ? "..." : "");
    }

    private void resetHeader() {
        headerLength = 0;
        lineStart = 0;
        if (header.length > RETAINED_HEADER_CAPACITY) {
            header = new byte[0];
        }
    }

    /** Fails while gathering the header; the caller reports it. */
    private void fail(String reason) {
        failure = reason;
        state = State.FAILED;
    }

    private void fail(String reason, FrameSink sink) {
        fail(reason);
        report(reason, sink);
    }

    private void report(String reason, FrameSink sink) {
        header = new byte[0];
        headerLength = 0;
        sink.onFatal(reason);
    }

    @Override
    public String toString() {
        return "ContentLengthFramer(maxSize=" + maxSize + ", maxHeaderSize=" + maxHeaderSize + ")";
    }
}
