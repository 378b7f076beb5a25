package io.jrpcx.internal.transport;

import io.jrpcx.framing.FrameSink;
import io.jrpcx.framing.Framer;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.TransportListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.internal.PlatformDependent;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The one Netty handler of a byte-stream connection: splits what it reads into messages with a
 * {@link Framer} and hands them to a {@link TransportListener}; frames and writes what is sent.
 *
 * <p>Writes are coalesced: a message sent from the I/O thread while it is delivering a read is flushed
 * once the read is complete; messages sent from other threads go through a lock-free queue that the I/O
 * thread drains into one buffer and one flush.
 *
 * <pre>{@code
 * channel.pipeline().addLast(new FramedChannelHandler(Framing.newline().newFramer(), listener));
 * }</pre>
 */
public final class FramedChannelHandler extends ChannelInboundHandlerAdapter implements MessageTransport {
    private final FrameSink sink;
    private final Framer framer;
    private final TransportListener listener;
    private final Queue<byte[]> outbound = PlatformDependent.newMpscQueue(16, 1 << 30);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
    private final Runnable drainTask = this::drain;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable Channel channel;
    private @Nullable EventLoop loop;
    private @Nullable Throwable failure;
    private boolean inRead;
    private boolean pendingFlush;
    /** Framed messages not yet handed to the channel: one buffer, so one write, per flush. */
    private @Nullable ByteBuf pendingOut;
    private boolean closedNotified;
    private boolean inputClosed;
    /** Whether the owner wants reading; it happens only while the channel is writable as well. */
    private volatile boolean readingWanted = true;

    public FramedChannelHandler(Framer framer, TransportListener listener) {
        this.framer = framer;
        this.listener = listener;
        this.sink = new FrameSink() {
            @Override
            public void onMessage(byte[] message) {
                listener.onMessage(message);
            }

            @Override
            public void onDropped(String reason) {
                listener.onMessageDropped(reason);
            }
        };
    }

    // ---- MessageTransport ----

    @Override
    public void send(byte[] message) {
        EventLoop el = loop;
        if (el == null || closing.get()) {
            return;
        }
        if (el.inEventLoop()) {
            writeFramed(message);
            flushAfterRead();
            return;
        }
        outbound.offer(message);
        if (!drainScheduled.getAndSet(true)) {
            el.execute(drainTask);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (writeQueued()) {
            flushAfterRead();
        }
    }

    /** Frames every queued message; true if there was any. */
    private boolean writeQueued() {
        boolean any = false;
        byte[] message;
        while ((message = outbound.poll()) != null) {
            writeFramed(message);
            any = true;
        }
        return any;
    }

    /** Flushes now, or once the read being delivered is complete, so one read gets one flush. */
    private void flushAfterRead() {
        if (inRead) {
            pendingFlush = true;
        } else {
            flush(ctx());
        }
    }

    private void writeFramed(byte[] message) {
        byte[] framed = framer.frame(message);
        ByteBuf out = pendingOut;
        if (out == null) {
            out = ctx().alloc().ioBuffer(Math.max(framed.length, 512));
            pendingOut = out;
        }
        out.writeBytes(framed);
    }

    /** Hands what was written so far to the channel, without flushing. */
    private void handOver(ChannelHandlerContext c) {
        ByteBuf out = pendingOut;
        if (out != null) {
            pendingOut = null;
            c.write(out, c.voidPromise());
        }
    }

    private void flush(ChannelHandlerContext c) {
        handOver(c);
        c.flush();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        EventLoop el = loop;
        if (el == null) {
            return;
        }
        el.execute(() -> {
            drainAfterClose();
            Channel ch = channel;
            if (ch != null) {
                ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /** Writes what was queued before close was asked for. */
    private void drainAfterClose() {
        writeQueued();
        handOver(ctx());
    }

    /** Drops what was written but not handed to the channel. */
    private void releasePending() {
        ByteBuf out = pendingOut;
        if (out != null) {
            pendingOut = null;
            out.release();
        }
    }

    @Override
    public void abort() {
        closing.set(true);
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        ch.eventLoop().execute(() -> {
            outbound.clear();
            releasePending();
            if (ch.isOpen()) {
                try {
                    ch.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (RuntimeException ignored) {
                    // not every channel has SO_LINGER
                }
                ch.close();
            }
        });
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    @Override
    public boolean isWritable() {
        Channel ch = channel;
        return ch != null && ch.isWritable();
    }

    @Override
    public void setReading(boolean reading) {
        readingWanted = reading;
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(reading && ch.isWritable());
        }
    }

    @Override
    public boolean inIoThread() {
        EventLoop el = loop;
        return el != null && el.inEventLoop();
    }

    @Override
    public SocketAddress remoteAddress() {
        Channel ch = channel;
        SocketAddress address = ch == null ? null : ch.remoteAddress();
        return address == null ? UnknownAddress.INSTANCE : address;
    }

    @Override
    public SocketAddress localAddress() {
        Channel ch = channel;
        SocketAddress address = ch == null ? null : ch.localAddress();
        return address == null ? UnknownAddress.INSTANCE : address;
    }

    private ChannelHandlerContext ctx() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("not attached to a channel");
        }
        return c;
    }

    // ---- Netty events ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.loop = ctx.channel().eventLoop();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        try {
            listener.onOpen(this);
        } finally {
            opened.complete(null);
        }
        ctx.fireChannelActive();
    }

    /** Completes once the listener has been told the connection is open (or it closed first). */
    public java.util.concurrent.CompletableFuture<Void> opened() {
        return opened;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        inRead = true;
        try {
            if (closing.get()) {
                return;
            }
            if (buf.nioBufferCount() == 1) {
                framer.feed(buf.nioBuffer(), sink);
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
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        listener.onReadComplete();
        if (pendingFlush) {
            pendingFlush = false;
            flush(ctx);
        }
    }

    /**
     * A peer that does not read what it is sent is not read either: reading pauses while the outbound
     * buffer is above its high-water mark, so memory stays bounded.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(readingWanted && writable);
        listener.onWritabilityChanged(writable);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && !inputClosed) {
            inputClosed = true;
            listener.onInputClosed();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing.set(true);
        outbound.clear();
        releasePending();
        opened.complete(null);
        if (!closedNotified) {
            closedNotified = true;
            listener.onClosed(failure);
        }
        ctx.fireChannelInactive();
    }

    /** An address for a channel that has none (yet). */
    private static final class UnknownAddress extends SocketAddress {
        private static final long serialVersionUID = 1L;
        static final UnknownAddress INSTANCE = new UnknownAddress();

        @Override
        public String toString() {
            return "unknown";
        }
    }
}
