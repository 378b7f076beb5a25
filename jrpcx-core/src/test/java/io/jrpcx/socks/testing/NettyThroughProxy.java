package io.jrpcx.socks.testing;

import io.jrpcx.internal.transport.EventLoops;
import io.jrpcx.internal.transport.Negotiation;
import io.jrpcx.net.NetAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A plain Netty client whose pipeline is a negotiation step (such as a SOCKS handshake) followed by
 * a handler that collects every byte it reads: for tests that exchange bytes through a proxy.
 *
 * <pre>{@code
 * try (NettyThroughProxy c = NettyThroughProxy.connect(proxy.address(), () -> proxy.negotiation("127.0.0.1", port, deadline))) {
 *     c.awaitActive();
 *     c.send("ping".getBytes(UTF_8));
 *     assertThat(c.awaitReceived(4)).isEqualTo("ping".getBytes(UTF_8));
 * }
 * }</pre>
 */
public final class NettyThroughProxy implements AutoCloseable {
    private static final long WAIT_SECONDS = 20;

    private final Channel channel;
    private final CompletableFuture<Void> active = new CompletableFuture<>();
    private final CompletableFuture<@Nullable Throwable> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Object lock = new Object();
    private int wanted = Integer.MAX_VALUE;
    private final CompletableFuture<byte[]> enough = new CompletableFuture<>();

    private NettyThroughProxy(NetAddress proxy, Supplier<ChannelHandler> negotiation) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(EventLoops.group()).channel(EventLoops.socketChannel(EventLoops.group()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(negotiation.get(), new Collector());
                    }
                });
        this.channel = b.connect(proxy.toInetSocketAddress()).sync().channel();
    }

    /** Connects to {@code proxy} with a pipeline of the negotiation and a byte collector. */
    public static NettyThroughProxy connect(NetAddress proxy, Supplier<ChannelHandler> negotiation)
            throws InterruptedException {
        return new NettyThroughProxy(proxy, negotiation);
    }

    /** Waits until the collector sees {@code channelActive}: every negotiation has finished. */
    public void awaitActive() throws Exception {
        CompletableFuture.anyOf(active, closed).get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (!active.isDone()) {
            throw new AssertionError("closed before it was active", closed.getNow(null));
        }
    }

    /** Waits for the channel to close and returns the failure kept on it, or null. */
    public @Nullable Throwable awaitClosed() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the collector saw {@code channelActive}. */
    public boolean wasActive() {
        return active.isDone();
    }

    public void send(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** Waits until {@code n} bytes have arrived after the negotiation and returns them. */
    public byte[] awaitReceived(int n) throws Exception {
        synchronized (lock) {
            wanted = n;
            check();
        }
        return enough.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private void check() {
        if (received.size() >= wanted) {
            enough.complete(received.toByteArray());
        }
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private final class Collector extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active.complete(null);
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // After the negotiation step has passed on the end of the connection, with its failure kept.
            closed.complete(ctx.channel().attr(Negotiation.FAILURE).get());
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                synchronized (lock) {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    received.writeBytes(bytes);
                    check();
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** How long the waits of this class last. */
    public static Duration waitLimit() {
        return Duration.ofSeconds(WAIT_SECONDS);
    }
}
