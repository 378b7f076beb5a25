package io.jrpcx.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Frames messages as lines: each message is followed by an ASCII newline (LF). The transport of the
 * JSON-RPC world, where encoded JSON never contains a raw newline.
 *
 * <pre>{@code
 * Framer framer = new NewlineFramer();          // messages up to 1,000,000 bytes
 * byte[] wire = framer.frame(json);             // json + '\n'
 * framer.feed(ByteBuffer.wrap(received), FrameSink.of(
 *         message -> connection.handle(message),
 *         reason -> connection.countError(reason)));
 * }</pre>
 *
 * <h2>Receiving</h2>
 * <ul>
 *   <li>A message is the bytes before an LF; a CR directly before the LF is removed as well, so
 *       CR LF line endings work.</li>
 *   <li>An empty line (nothing, or only CR, before the LF) is an empty message: a JSON-RPC server
 *       answers it with a parse error, as the reference implementation does, so a confused peer
 *       learns of its mistake.</li>
 *   <li>A message longer than {@code maxSize} bytes (not counting its line ending) is dropped and
 *       reported to {@link FrameSink#onDropped(String)} once, as soon as it is known to be too long; the
 *       framer then discards input up to and including the next LF, and serves the message after it. So
 *       the framer never buffers more than {@code maxSize + 1} bytes, and whether a message is dropped
 *       never depends on how the stream was split into chunks.</li>
 *   <li>A {@code maxSize} of 0 means no limit (up to the largest Java array).</li>
 * </ul>
 * A message that arrives whole in one chunk is copied once, straight into its own array; only a message
 * split across chunks is gathered in a buffer first. A gathering buffer larger than 64 KiB is released
 * after its message, so an idle connection holds little memory.
 *
 * <h2>Sending</h2>
 * {@link #frame(byte[])} appends an LF. It rejects a message that contains an LF (it would arrive as two
 * messages, or let a peer's data smuggle in a message of its own), and an empty message (a receiver
 * takes it for a malformed one).
 */
public final class NewlineFramer implements Framer {
    /** The default maximum message size in bytes. */
    public static final int DEFAULT_MAX_SIZE = 1_000_000;

    static final byte LF = '\n';
    static final byte CR = '\r';
    private static final int LARGEST_LIMIT = Integer.MAX_VALUE - 16;
    private static final int RETAINED_CAPACITY = 64 * 1024;
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private final int maxSize;
    private final int limit;
    private final String dropReason;
    private byte[] buffer = EMPTY;
    private int buffered;
    private boolean discarding;
    private long droppedCount;

    /** A framer with the default maximum message size, {@value #DEFAULT_MAX_SIZE} bytes. */
    public NewlineFramer() {
        this(DEFAULT_MAX_SIZE);
    }

    /**
     * A framer for messages of at most {@code maxSize} bytes; 0 means no limit.
     *
     * @param maxSize the largest message in bytes, or 0 for no limit
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public NewlineFramer(int maxSize) {
        checkMaxSize(maxSize);
        this.maxSize = maxSize;
        this.limit = maxSize == 0 ? LARGEST_LIMIT : Math.min(maxSize, LARGEST_LIMIT);
        this.dropReason = "dropped a message over " + limit + " bytes and re-synchronised at the next newline";
    }

    static void checkMaxSize(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be 0 (no limit) or positive: " + maxSize);
        }
    }

    /** {@return the maximum message size in bytes given at construction; 0 means no limit} */
    public int maxSize() {
        return maxSize;
    }

    /** {@return how many messages this framer has dropped so far} */
    public long droppedCount() {
        return droppedCount;
    }

    /** Bytes of an incomplete message held between calls to {@code feed} (for tests). */
    int bufferedBytes() {
        return buffered;
    }

    /** Capacity of the gathering buffer (for tests). */
    int bufferCapacity() {
        return buffer.length;
    }

    /**
     * Returns {@code message} followed by an LF.
     *
     * @throws IllegalArgumentException if {@code message} is empty (a receiver skips empty lines) or
     *     contains an LF
     */
    @Override
    public byte[] frame(byte[] message) {
        check(message);
        int n = message.length;
        byte[] out = Arrays.copyOf(message, n + 1);
        out[n] = LF;
        return out;
    }

    @Override
    public void check(byte[] message) {
        int n = message.length;
        if (n == 0) {
            throw new IllegalArgumentException("an empty message cannot be framed by newlines");
        }
        int lf = ByteScan.indexOf(message, 0, n, LF);
        if (lf >= 0) {
            throw new IllegalArgumentException("a message framed by newlines cannot contain a newline (at index "
                    + lf + ")");
        }
    }

    private static final byte[] LINE_END = {LF};

    @Override
    public void writeFramed(byte[] message, Output out) {
        out.write(message, 0, message.length);
        out.write(LINE_END, 0, 1);
    }

    @Override
    public void feed(ByteBuffer data, FrameSink sink) {
        int pos = data.position();
        final int end = data.limit();
        while (pos < end) {
            int lf = ByteScan.indexOf(data, pos, end, LF);
            if (lf < 0) {
                data.position(end);
                gather(data, pos, end, sink);
                return;
            }
            int next = lf + 1;
            data.position(next);
            if (discarding) {
                discarding = false;
            } else if (buffered == 0) {
                deliverWhole(data, pos, lf, sink);
            } else {
                deliverGathered(data, pos, lf, sink);
            }
            pos = next;
        }
        data.position(end);
    }

    /** A line that arrived whole in {@code data[from, lf)}. */
    private void deliverWhole(ByteBuffer data, int from, int lf, FrameSink sink) {
        int stop = lf > from && data.get(lf - 1) == CR ? lf - 1 : lf;
        int n = stop - from;
        if (n > limit) {
            drop(sink);
            return;
        }
        byte[] message = new byte[n];
        data.get(from, message);
        sink.onMessage(message);
    }

    /** A line made of the gathered bytes followed by {@code data[from, lf)}. */
    private void deliverGathered(ByteBuffer data, int from, int lf, FrameSink sink) {
        int tail = lf - from;
        byte last = tail > 0 ? data.get(lf - 1) : buffer[buffered - 1];
        long size = (long) buffered + tail - (last == CR ? 1 : 0);
        if (size > limit) {
            resetBuffer();
            drop(sink);
            return;
        }
        int n = (int) size;
        byte[] message = n == 0 ? EMPTY : new byte[n];
        int fromBuffer = Math.min(buffered, n);
        System.arraycopy(buffer, 0, message, 0, fromBuffer);
        if (n > fromBuffer) {
            data.get(from, message, fromBuffer, n - fromBuffer);
        }
        resetBuffer();
        sink.onMessage(message);
    }

    /** Keeps {@code data[from, end)}, the start of a line whose end has not arrived. */
    private void gather(ByteBuffer data, int from, int end, FrameSink sink) {
        if (discarding) {
            return;
        }
        int n = end - from;
        long total = (long) buffered + n;
        // A line of limit + 1 bytes may still be a full-size message followed by CR LF.
        if (total > limit + 1L || (total == limit + 1L && data.get(end - 1) != CR)) {
            resetBuffer();
            discarding = true;
            drop(sink);
            return;
        }
        int size = (int) total;
        if (size > buffer.length) {
            long grown = Math.max((long) buffer.length * 2, INITIAL_CAPACITY);
            buffer = Arrays.copyOf(buffer, (int) Math.max(size, Math.min(grown, limit + 1L)));
        }
        data.get(from, buffer, buffered, n);
        buffered = size;
    }

    private void resetBuffer() {
        buffered = 0;
        if (buffer.length > RETAINED_CAPACITY) {
            buffer = EMPTY;
        }
    }

    private void drop(FrameSink sink) {
        droppedCount++;
        sink.onDropped(dropReason);
    }

    @Override
    public String toString() {
        return "NewlineFramer(maxSize=" + maxSize + ")";
    }
}
