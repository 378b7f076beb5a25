package io.jrpcx.internal.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One negotiating step of a connection's pipeline: a proxy handshake, a TLS handshake, a WebSocket
 * upgrade. A step holds the channel's activation back from the handlers after it until its
 * negotiation has finished, then removes itself and lets the activation through; so the message
 * handler at the end of the pipeline sees {@code channelActive} only once every step before it has
 * finished, and that is when the connection counts as open.
 *
 * <p>A subclass starts its work in {@link #begin}, reads the peer's answers in {@code channelRead},
 * and ends with exactly one of {@link #succeed} or {@link #fail}. Input that arrives after the end of
 * its handshake, in the same read, is the next layer's: pass it on with {@code ctx.fireChannelRead}
 * after {@link #succeed}. A step that has not finished by its deadline fails with a
 * {@link NegotiationTimeoutException}.
 *
 * <pre>{@code
 * final class HelloNegotiation extends Negotiation {
 *     HelloNegotiation() { super("hello", Duration.ofSeconds(10)); }
 *     protected void begin(ChannelHandlerContext ctx) {
 *         ctx.writeAndFlush(Unpooled.copiedBuffer("HELLO\n", US_ASCII));
 *     }
 *     public void channelRead(ChannelHandlerContext ctx, Object msg) {
 *         ReferenceCountUtil.release(msg);
 *         succeed(ctx);
 *     }
 * }
 * }</pre>
 */
public abstract class Negotiation extends ChannelDuplexHandler {
    /** The cause of a failed negotiation, kept on the channel for whoever waits for it to open. */
    public static final AttributeKey<Throwable> FAILURE = AttributeKey.valueOf("jrpcx.negotiation.failure");
    private static final Logger LOG = LoggerFactory.getLogger(Negotiation.class);

    private final String name;
    private final Duration deadline;
    private boolean started;
    private boolean finished;
    private @Nullable ScheduledFuture<?> timer;

    /**
     * @param name what is negotiated, for messages ("TLS handshake", "SOCKS5 handshake")
     * @param deadline how long the step may take from the moment it begins; zero or negative for no limit
     */
    protected Negotiation(String name, Duration deadline) {
        this.name = name;
        this.deadline = deadline;
    }

    /** What this step negotiates. */
    public final String name() {
        return name;
    }

    /** Starts the negotiation: the channel is active and every step before this one has finished. */
    protected abstract void begin(ChannelHandlerContext ctx) throws Exception;

    /** True once {@link #succeed} or {@link #fail} was called. */
    protected final boolean isFinished() {
        return finished;
    }

    /** Ends this step successfully: it leaves the pipeline and the next step (or the session) starts. */
    protected final void succeed(ChannelHandlerContext ctx) {
        if (finish()) {
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }

    /** Ends this step with a failure: the cause is kept on the channel and the channel closes. */
    protected final void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (finish()) {
            LOG.debug("{} with {} failed: {}", name, ctx.channel().remoteAddress(), cause.getMessage());
            ctx.channel().attr(FAILURE).setIfAbsent(cause);
            ctx.close();
        }
    }

    private boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
            timer = null;
        }
        return true;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
    }

    private void start(ChannelHandlerContext ctx) throws Exception {
        if (started) {
            return;
        }
        started = true;
        if (!deadline.isZero() && !deadline.isNegative()) {
            timer = ctx.executor().schedule(() -> fail(ctx, new NegotiationTimeoutException(
                    name + " with " + ctx.channel().remoteAddress() + " did not finish within " + describe(deadline))),
                    deadline.toNanos(), TimeUnit.NANOSECONDS);
        }
        try {
            begin(ctx);
        } catch (Exception e) {
            fail(ctx, e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) {
            ctx.fireExceptionCaught(cause);
        } else {
            fail(ctx, cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!finished) {
            finish();
            ctx.channel().attr(FAILURE).setIfAbsent(new java.io.IOException(
                    "connection closed during the " + name));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** A negotiation that did not finish by its deadline. */
    public static final class NegotiationTimeoutException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        public NegotiationTimeoutException(String message) {
            super(message);
        }
    }
}
