package io.jrpcx.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds a byte in a buffer eight bytes at a time (SWAR): each 64-bit word is tested for the byte with a
 * few arithmetic operations that are exact, without the false positives of the shorter formula.
 */
final class ByteScan {
    private static final VarHandle LONGS_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private ByteScan() {
    }

    /** Returns the index of the first {@code value} in {@code buf[from, to)} (absolute indexes), or -1. */
    static int indexOf(ByteBuffer buf, int from, int to, byte value) {
        if (buf.hasArray()) {
            int offset = buf.arrayOffset();
            int found = indexOf(buf.array(), offset + from, offset + to, value);
            return found < 0 ? -1 : found - offset;
        }
        long pattern = broadcast(value);
        boolean little = buf.order() == ByteOrder.LITTLE_ENDIAN;
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long hits = zeroBytes(buf.getLong(i) ^ pattern);
            if (hits != 0) {
                return i + ((little ? Long.numberOfTrailingZeros(hits) : Long.numberOfLeadingZeros(hits)) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the first {@code value} in {@code array[from, to)}, or -1. */
    static int indexOf(byte[] array, int from, int to, byte value) {
        long pattern = broadcast(value);
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long hits = zeroBytes((long) LONGS_LE.get(array, i) ^ pattern);
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static long broadcast(byte value) {
        return (value & 0xFFL) * 0x0101010101010101L;
    }

    /** Returns a word with the top bit set in exactly the bytes of {@code x} that are zero. */
    private static long zeroBytes(long x) {
        long t = (x & LOW7) + LOW7;
        return ~(t | x | LOW7);
    }
}
