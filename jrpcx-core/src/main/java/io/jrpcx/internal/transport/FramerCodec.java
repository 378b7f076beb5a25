package io.jrpcx.internal.transport;

import io.jrpcx.framing.FrameSink;
import io.jrpcx.framing.Framer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The framing layer of a byte-stream connection. Inbound, it splits bytes into messages with a
 * {@link Framer} and passes each on as a {@code byte[]}; input the framer drops becomes a
 * {@link Dropped} event, and input after which the stream cannot be read on a {@link Fatal} one. Outbound, it takes messages already checked by the framer on the
 * sender's thread (a {@code byte[]}) and frames them straight into one buffer and gathers everything written between two flushes into one buffer, so one flush
 * is one write to the socket.
 *
 * <pre>{@code
 * pipeline.addLast(new FramerCodec(framer), bridge);
 * }</pre>
 */
public final class FramerCodec extends ChannelDuplexHandler {
    private static final int MIN_BUFFER = 512;

    /** Input the framer dropped, fired as a user event. */
    public record Dropped(String reason) {
    }

    /** Input after which the stream cannot be read on (a bad network magic, a malformed header). */
    public record Fatal(String reason) {
    }

    private final Framer framer;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ByteBuf pendingOut;
    /**
     * Each I/O thread's buffer for a small read copied out of a direct buffer (see {@link SmallCopies}),
     * shared by its connections since a read is framed to the end before the next begins; taken out while
     * in use, so a read framed within another's (which does not happen) would get one of its own.
     */
    private static final FastThreadLocal<ByteBuffer> SMALL_READS = new FastThreadLocal<>();
    private final Framer.Output output = (bytes, offset, length) -> {
        ByteBuf out = pendingOut;
        if (out == null) {
            out = ctx().alloc().ioBuffer(Math.max(length + 1, MIN_BUFFER));
            pendingOut = out;
        }
        SmallCopies.write(out, bytes, offset, length);
    };
    private final FrameSink sink = new FrameSink() {
        @Override
        public void onMessage(byte[] message) {
            ctx().fireChannelRead(message);
        }

        @Override
        public void onDropped(String reason) {
            ctx().fireUserEventTriggered(new Dropped(reason));
        }

        @Override
        public void onFatal(String reason) {
            ctx().fireUserEventTriggered(new Fatal(reason));
        }
    };

    public FramerCodec(Framer framer) {
        this.framer = framer;
    }

    private ChannelHandlerContext ctx() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("not in a pipeline");
        }
        return c;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            int length = buf.readableBytes();
            if (SmallCopies.worthIt(buf, length)) {
                // a small read copied with no object made (the buffer's own view would be one per read)
                ByteBuffer small = SMALL_READS.get();
                if (small == null) {
                    small = ByteBuffer.allocate(SmallCopies.SMALL);
                } else {
                    SMALL_READS.set(null);
                }
                try {
                    SmallCopies.read(buf, buf.readerIndex(), small.array(), length);
                    small.clear().limit(length);
                    framer.feed(small, sink);
                } finally {
                    SMALL_READS.set(small);
                }
            } else if (buf.nioBufferCount() == 1) {
                // the buffer's own view (made once per buffer): the framer copies what it keeps
                framer.feed(buf.internalNioBuffer(buf.readerIndex(), buf.readableBytes()), sink);
            } else {
                for (ByteBuffer part : buf.nioBuffers()) {
                    framer.feed(part, sink);
                }
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof byte[] message)) {
            ctx.write(msg, promise);
            return;
        }
        framer.writeFramed(message, output);
        if (!promise.isVoid()) {
            promise.setSuccess();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ByteBuf out = pendingOut;
        if (out != null) {
            pendingOut = null;
            ctx.write(out, ctx.voidPromise());
        }
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // a graceful close sends what was written before it
        ByteBuf out = pendingOut;
        if (out != null) {
            pendingOut = null;
            ctx.writeAndFlush(out, ctx.voidPromise());
        }
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    /** Drops what was written but never flushed. */
    public void discardPending() {
        release();
    }

    private void release() {
        ByteBuf out = pendingOut;
        if (out != null) {
            pendingOut = null;
            out.release();
        }
    }
}
