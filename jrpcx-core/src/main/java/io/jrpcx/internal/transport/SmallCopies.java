package io.jrpcx.internal.transport;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies of a few bytes between a {@code byte[]} and a direct {@link ByteBuf} that make no object.
 * Netty 4.2's adaptive allocator copies a {@code byte[]} into or out of one of its buffers through an NIO
 * view of the buffer that it makes (about 64 bytes) the first time each buffer is touched that way: for a
 * small message that is one object per read and one per write. These copy eight bytes at a time through
 * {@link ByteBuf#getLong}/{@link ByteBuf#setLong} instead, which reach the memory with no view; past
 * {@link #SMALL} bytes the view is made once for many bytes, so larger copies use Netty's own.
 *
 * <pre>{@code
 * SmallCopies.write(out, message, 0, message.length);
 * }</pre>
 */
final class SmallCopies {
    /** Copies up to this many bytes eight at a time; larger ones through Netty's bulk copy. */
    static final int SMALL = 512;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private SmallCopies() {
    }

    /** True if {@code length} bytes are copied here with no view; otherwise use Netty's bulk copy. */
    static boolean worthIt(ByteBuf buf, int length) {
        return length <= SMALL && !buf.hasArray();
    }

    /** Appends {@code src[offset, offset + length)} to {@code out}, growing it as {@code writeBytes} does. */
    static void write(ByteBuf out, byte[] src, int offset, int length) {
        if (!worthIt(out, length)) {
            out.writeBytes(src, offset, length);
            return;
        }
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        out.ensureWritable(length);
        int at = out.writerIndex();
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            out.setLong(at + i, (long) LONGS.get(src, offset + i));
        }
        for (; i < length; i++) {
            out.setByte(at + i, src[offset + i]);
        }
        out.writerIndex(at + length);
    }

    /** Copies {@code length} bytes of {@code in} from {@code index} into {@code dst[0, length)}; no index changes. */
    static void read(ByteBuf in, int index, byte[] dst, int length) {
        if (!worthIt(in, length)) {
            in.getBytes(index, dst, 0, length);
            return;
        }
        java.util.Objects.checkFromIndexSize(0, length, dst.length);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            LONGS.set(dst, i, in.getLong(index + i));
        }
        for (; i < length; i++) {
            dst[i] = in.getByte(index + i);
        }
    }
}
