package io.jrpcx.internal.socks;

import io.jrpcx.internal.transport.Negotiation;
import io.jrpcx.socks.SocksHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The pipeline step that runs a SOCKS handshake with the proxy the channel is connected to. Once the
 * proxy grants the connection the step leaves the pipeline, and bytes that came after the reply go
 * on to the next handler; on any failure the cause (a {@link io.jrpcx.socks.SocksException}, or a
 * timeout) is kept in {@link Negotiation#FAILURE} and the channel closes.
 */
public final class SocksNegotiation extends Negotiation {
    private final SocksHandshake handshake;

    public SocksNegotiation(SocksHandshake handshake, Duration deadline) {
        super(handshake.protocol() + " handshake", deadline);
        this.handshake = handshake;
    }

    @Override
    protected void begin(ChannelHandlerContext ctx) {
        send(ctx, handshake.start());
        readMore(ctx);
    }

    /** Sends a handshake message; a failed write fails the step with its cause. */
    private void send(ChannelHandlerContext ctx, byte[] message) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(message)).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, f.cause());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (isFinished()) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            fail(ctx, new IllegalStateException("unexpected message during the " + name() + ": " + msg.getClass()));
            return;
        }
        byte[] reply;
        try {
            ByteBuffer nio = buf.nioBuffer();
            int before = nio.position();
            reply = handshake.receive(nio);
            buf.skipBytes(nio.position() - before);
        } catch (RuntimeException e) {
            buf.release();
            fail(ctx, e);
            return;
        }
        if (reply.length > 0) {
            send(ctx, reply);
        }
        if (!handshake.isDone()) {
            buf.release();
            readMore(ctx);
            return;
        }
        succeed(ctx);
        if (buf.isReadable()) {
            ctx.fireChannelRead(buf);
        } else {
            buf.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (isFinished()) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!isFinished()) {
            fail(ctx, handshake.endOfInput());
        }
        super.channelInactive(ctx);
    }

    private static void readMore(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }
}
