package io.jrpcx.internal.transport;

import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A listening channel and the connections it accepted. Connections are tracked from the moment the
 * listening channel reads them, before they are registered or negotiated, so closing misses none.
 *
 * <pre>{@code
 * TransportServer server = new ChannelTransportServer(service, listening, tracker, setup);
 * }</pre>
 */
final class ChannelTransportServer implements TransportServer {
    private final Service service;
    private final Channel listening;
    private final Tracker tracker;
    private final ChannelTransport.Setup setup;

    ChannelTransportServer(Service service, Channel listening, Tracker tracker, ChannelTransport.Setup setup) {
        this.setup = setup;
        this.service = service;
        this.listening = listening;
        this.tracker = tracker;
    }

    @Override
    public Service service() {
        return service;
    }

    @Override
    public int connections() {
        return tracker.accepted.size();
    }

    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        setup.afterClose();
    }

    @Override
    public void reloadCertificates() {
        setup.reload();
    }

    @Override
    public void closeConnectionsNotOpen() {
        for (Channel ch : tracker.accepted) {
            MessageBridge bridge = ch.pipeline().get(MessageBridge.class);
            if (bridge == null || !bridge.isActive()) {
                // the check runs on the channel's own loop, where the bridge becomes active
                ch.eventLoop().execute(() -> {
                    MessageBridge b = ch.pipeline().get(MessageBridge.class);
                    if (b == null || !b.isActive()) {
                        ch.close();
                    }
                });
            }
        }
    }

    @Override
    public boolean awaitConnectionsClosed(Duration limit) throws InterruptedException {
        return tracker.accepted.newCloseFuture().await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The listening channel's first handler: it sees each accepted channel before anything else does. */
    @ChannelHandler.Sharable
    static final class Tracker extends ChannelInboundHandlerAdapter {
        final ChannelGroup accepted;

        Tracker(EventExecutor executor) {
            this.accepted = new DefaultChannelGroup("accepted", executor);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                accepted.add(child);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
