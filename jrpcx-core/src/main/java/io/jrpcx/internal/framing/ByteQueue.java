package io.jrpcx.internal.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Gathers the bytes of one message whose exact size is known (and was checked against a limit) before
 * its bytes arrive. It grows with the bytes actually received, never beyond that size: a peer that
 * announces a large message and then sends little costs little memory. Once full, its array is handed
 * out as the message without a copy, and the queue starts empty for the next message.
 *
 * <pre>{@code
 * ByteQueue queue = new ByteQueue();
 * queue.start(checkedLength);
 * pos += queue.append(data, pos, end);
 * if (queue.isComplete()) sink.onMessage(queue.take());
 * }</pre>
 */
public final class ByteQueue {
    /** Up to this size, a message's whole array is allocated at once. */
    static final int EAGER_SIZE = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int size;
    private int target;

    /** Begins a message of exactly {@code target} bytes; whatever was gathered before is discarded. */
    public void start(int target) {
        if (target < 0) {
            throw new IllegalArgumentException("negative size " + target);
        }
        this.target = target;
        this.size = 0;
        if (buffer.length > target) {
            buffer = EMPTY;
        }
    }

    /** Appends {@code src[offset, offset + length)}, which must fit in what the message still lacks. */
    public void append(byte[] src, int offset, int length) {
        if (length > remaining()) {
            throw new IllegalArgumentException(length + " bytes do not fit in " + remaining());
        }
        ensure(size + length);
        System.arraycopy(src, offset, buffer, size, length);
        size += length;
    }

    /**
     * Appends as much of {@code data[from, to)} (absolute indexes; the position is not moved) as the
     * message still lacks, and returns how many bytes it took.
     */
    public int append(ByteBuffer data, int from, int to) {
        int n = Math.min(to - from, remaining());
        if (n > 0) {
            ensure(size + n);
            data.get(from, buffer, size, n);
            size += n;
        }
        return n;
    }

    /** How many bytes the message still lacks. */
    public int remaining() {
        return target - size;
    }

    /** Whether every byte of the message has arrived. */
    public boolean isComplete() {
        return size == target;
    }

    /** How many bytes are held. */
    public int size() {
        return size;
    }

    /** The capacity held, never more than the current message's size. */
    public int capacity() {
        return buffer.length;
    }

    /** Returns the complete message, which is the caller's to keep, and empties the queue. */
    public byte[] take() {
        if (size != target) {
            throw new IllegalStateException("message incomplete: " + size + " of " + target + " bytes");
        }
        byte[] message = buffer.length == target ? buffer : Arrays.copyOf(buffer, target);
        buffer = EMPTY;
        size = 0;
        target = 0;
        return message;
    }

    /** Forgets the message being gathered and releases its memory. */
    public void clear() {
        buffer = EMPTY;
        size = 0;
        target = 0;
    }

    private void ensure(int needed) {
        if (needed <= buffer.length) {
            return;
        }
        long grown = Math.max(Math.max(needed, 2L * buffer.length), EAGER_SIZE);
        buffer = Arrays.copyOf(buffer, (int) Math.min(target, grown));
    }
}
