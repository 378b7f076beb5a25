package io.jrpcx.internal.transport;

import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.ReadPause;
import io.jrpcx.transport.TransportListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import java.net.SocketAddress;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of every connection's pipeline: the bridge between Netty and a
 * {@link TransportListener}. It delivers whole messages (a {@code byte[]} each, from the framing layer
 * before it) to the listener and implements {@link MessageTransport} for the listener's owner:
 * <ul>
 *   <li>Sending: a message is encoded for the framing layer on the sender's thread (so a message the
 *       framing refuses is refused to the sender), then written on the I/O thread. Messages sent from
 *       other threads go through a lock-free queue that the I/O thread drains with one flush; messages
 *       sent on the I/O thread while it delivers a read are flushed once the read is complete.</li>
 *   <li>Reading: one set of {@link ReadPause} reasons, changed only on the I/O thread; the channel reads
 *       while the set is empty. The channel's writability is one of the reasons.</li>
 * </ul>
 * The connection counts as open when {@code channelActive} reaches this handler, which every
 * {@link Negotiation} before it holds back until it has finished.
 *
 * <pre>{@code
 * pipeline.addLast(new FramerCodec(framer), MessageBridge.overFramer(listener, framer));
 * }</pre>
 */
public final class MessageBridge extends ChannelInboundHandlerAdapter implements MessageTransport {
    /** Queued bytes above which the connection counts as not writable, as the channel's own high-water mark. */
    private static final long QUEUE_HIGH = 64 * 1024;
    private static final long QUEUE_LOW = 32 * 1024;

    private final TransportListener listener;
    private final Function<byte[], Object> encoder;
    private final Queue<Object> outbound = PlatformDependent.newMpscQueue(16, 1 << 30);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Runnable drainTask = this::drain;
    /** Bytes sent from other threads and not yet handed to the channel. */
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
    /** Set when the queue went over its high-water mark: its drain then reports the connection writable again. */
    private volatile boolean queueOverHigh;
    private @Nullable ChannelHandlerContext ctx;
    private volatile @Nullable Channel channel;
    private volatile @Nullable EventLoop loop;
    private @Nullable Throwable failure;
    private boolean inRead;
    private boolean pendingFlush;
    private boolean closedNotified;
    private boolean inputClosed;
    private boolean active;
    /** The reasons reading is paused, a bit per {@link ReadPause} ordinal; touched on the I/O thread only. */
    private int pauses;
    /** Set for the server side of HTTP before the connection opens; see {@link #answersOnly()}. */
    private volatile boolean answersOnly;

    /** What {@link #noReply()} writes, in order with the messages sent: the HTTP layer answers it 204. */
    public static final Object NO_REPLY = new Object() {
        @Override
        public String toString() {
            return "NO_REPLY";
        }
    };

    /**
     * @param listener receives the connection's events
     * @param encoder turns a message into what the framing layer writes (for a byte stream, the framed
     *     bytes); called on the sending thread, it throws {@link IllegalArgumentException} for a message
     *     the framing cannot carry
     */
    public MessageBridge(TransportListener listener, Function<byte[], Object> encoder) {
        this.listener = listener;
        this.encoder = encoder;
    }

    /**
     * A bridge over a {@link FramerCodec}: a message is checked by the framer on the sender's thread and
     * framed by the codec, straight into the write buffer.
     */
    public static MessageBridge overFramer(TransportListener listener, io.jrpcx.framing.Framer framer) {
        return new MessageBridge(listener, message -> {
            framer.check(message);
            return message;
        });
    }

    /** Makes this the bridge of a transport that only answers (the server side of HTTP); before it opens. */
    public void setAnswersOnly(boolean answersOnly) {
        this.answersOnly = answersOnly;
    }

    // ---- MessageTransport ----

    @Override
    public boolean answersOnly() {
        return answersOnly;
    }

    @Override
    public void noReply() {
        if (answersOnly) {
            onLoop(() -> {
                ChannelHandlerContext c = ctx;
                if (c != null && !closedNotified && !closing.get()) {
                    c.write(NO_REPLY, c.voidPromise());
                    flushAfterRead();
                }
            });
        }
    }

    @Override
    public void send(byte[] message) {
        Object encoded = encoder.apply(message);
        EventLoop el = loop;
        if (el == null || closing.get()) {
            ReferenceCountUtil.release(encoded);
            return;
        }
        if (el.inEventLoop()) {
            ctx().write(encoded, ctx().voidPromise());
            flushAfterRead();
            return;
        }
        outbound.offer(encoded);
        if (queuedBytes.addAndGet(sizeOf(encoded)) > QUEUE_HIGH && !queueOverHigh) {
            queueOverHigh = true;
        }
        if (!drainScheduled.getAndSet(true)) {
            el.execute(drainTask);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (writeQueued()) {
            flushAfterRead();
        }
        if (queueOverHigh && queuedBytes.get() <= QUEUE_LOW) {
            queueOverHigh = false;
            Channel ch = channel;
            if (ch != null && ch.isWritable()) {
                listener.onWritabilityChanged(true);
            }
        }
    }

    private static long sizeOf(Object encoded) {
        return encoded instanceof byte[] bytes ? bytes.length
                : encoded instanceof io.netty.buffer.ByteBufHolder holder ? holder.content().readableBytes()
                : encoded instanceof io.netty.buffer.ByteBuf buf ? buf.readableBytes() : 0;
    }

    /** Writes every queued message; true if there was any. */
    private boolean writeQueued() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return false;
        }
        boolean any = false;
        Object message;
        while ((message = outbound.poll()) != null) {
            queuedBytes.addAndGet(-sizeOf(message));
            if (closedNotified) {
                ReferenceCountUtil.release(message);
                continue;
            }
            c.write(message, c.voidPromise());
            any = true;
        }
        return any;
    }

    /** Flushes now, or once the read being delivered is complete, so one read gets one flush. */
    private void flushAfterRead() {
        if (inRead) {
            pendingFlush = true;
        } else {
            ctx().flush();
        }
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
            writeQueued();
            ChannelHandlerContext c = ctx;
            if (c != null && c.channel().isOpen()) {
                c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    @Override
    public void abort() {
        closing.set(true);
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        ch.eventLoop().execute(() -> {
            discardQueued();
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

    private void discardQueued() {
        Object message;
        while ((message = outbound.poll()) != null) {
            queuedBytes.addAndGet(-sizeOf(message));
            ReferenceCountUtil.release(message);
        }
        ChannelHandlerContext c = ctx;
        FramerCodec codec = c == null ? null : c.pipeline().get(FramerCodec.class);
        if (codec != null) {
            codec.discardPending();
        }
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    /** Writable when the channel is and the queue of messages from other threads is under its mark. */
    @Override
    public boolean isWritable() {
        Channel ch = channel;
        return ch != null && ch.isWritable() && queuedBytes.get() <= QUEUE_HIGH;
    }

    @Override
    public void pauseReading(ReadPause reason) {
        onLoop(() -> setPauses(ReadPauses.with(pauses, reason)));
    }

    @Override
    public void resumeReading(ReadPause reason) {
        onLoop(() -> setPauses(ReadPauses.without(pauses, reason)));
    }

    private void onLoop(Runnable action) {
        EventLoop el = loop;
        if (el != null) {   // none before the channel is registered: nothing to change yet
            EventLoops.runOn(el, action);
        }
    }

    /** The one place auto-read changes: on the I/O thread, from the whole set of reasons. */
    private void setPauses(int newPauses) {
        int old = pauses;
        pauses = newPauses;
        Channel ch = channel;
        if (ch == null || !active || (old == 0) == (newPauses == 0)) {
            return;
        }
        ch.config().setAutoRead(newPauses == 0);
        listener.onReadingChanged(ReadPauses.reasons(newPauses));
    }


    @Override
    public boolean inIoThread() {
        EventLoop el = loop;
        return el != null && el.inEventLoop();
    }

    /** The destination a proxy was asked to reach, kept on a channel that goes through one. */
    public static final io.netty.util.AttributeKey<SocketAddress> PROXIED_DESTINATION =
            io.netty.util.AttributeKey.valueOf("jrpcx.proxied.destination");

    @Override
    public SocketAddress remoteAddress() {
        Channel ch = channel;
        if (ch == null) {
            return UnknownAddress.INSTANCE;
        }
        SocketAddress destination = ch.attr(PROXIED_DESTINATION).get();
        SocketAddress address = destination != null ? destination : ch.remoteAddress();
        return address == null ? UnknownAddress.INSTANCE : address;
    }

    @Override
    public java.util.Optional<SocketAddress> proxyAddress() {
        Channel ch = channel;
        return ch == null || ch.attr(PROXIED_DESTINATION).get() == null
                ? java.util.Optional.empty() : java.util.Optional.ofNullable(ch.remoteAddress());
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

    /** The pipeline of the connection, for the transport that made it. */
    io.netty.channel.ChannelPipeline pipeline() {
        return java.util.Objects.requireNonNull(channel, "not added to a pipeline yet").pipeline();
    }

    /** Completes once the listener has been told the connection is open, or once it closed first. */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    /** True once the connection is open (every negotiation finished). */
    public boolean isActive() {
        return active;
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
        active = true;
        try {
            listener.onOpen(this);
        } finally {
            opened.complete(null);
        }
        if (!ctx.channel().isWritable()) {
            setPauses(ReadPauses.with(pauses, ReadPause.NOT_WRITABLE));
        } else if (pauses != 0) {
            ctx.channel().config().setAutoRead(false);
            listener.onReadingChanged(ReadPauses.reasons(pauses));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inRead = true;
        if (!closing.get()) {
            listener.onMessage(message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        listener.onReadComplete();
        if (pendingFlush) {
            pendingFlush = false;
            ctx.flush();
        }
    }

    /** A peer that does not read what it is sent is not read either, so memory stays bounded. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        setPauses(writable ? ReadPauses.without(pauses, ReadPause.NOT_WRITABLE)
                : ReadPauses.with(pauses, ReadPause.NOT_WRITABLE));
        listener.onWritabilityChanged(writable);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof FramerCodec.Dropped dropped) {
            listener.onMessageDropped(dropped.reason());
            return;
        }
        if (evt instanceof FramerCodec.Fatal fatal) {
            // nothing more can be read: answer what is in hand, then close
            listener.onMessageDropped(fatal.reason());
            if (!inputClosed) {
                inputClosed = true;
                listener.onInputClosed();
            }
            return;
        }
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
        discardQueued();
        opened.complete(null);
        if (!closedNotified) {
            closedNotified = true;
            if (active) {
                listener.onClosed(failure);
            }
        }
        ctx.fireChannelInactive();
    }

    /** The cause that closed the channel before it opened: a failed negotiation, if any. */
    public @Nullable Throwable failure() {
        Channel ch = channel;
        Throwable negotiation = ch == null ? null : ch.attr(Negotiation.FAILURE).get();
        return negotiation != null ? negotiation : failure;
    }

    /** An address for a channel that has none (yet). */
    static final class UnknownAddress extends SocketAddress {
        private static final long serialVersionUID = 1L;
        static final UnknownAddress INSTANCE = new UnknownAddress();

        @Override
        public String toString() {
            return "unknown";
        }
    }
}
