package io.jrpcx.internal.transport;

import io.jrpcx.net.AddressGrouping;
import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    public long connectionsRefused() {
        return tracker.refused.sum();
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
        // a channel accepted but not yet on its event loop closes itself as it is set up (see Tracker#closing)
        tracker.closing = true;   // before the walk: a channel it skips sees it when set up
        for (Channel ch : tracker.accepted) {
            if (!ch.isRegistered()) {
                continue;
            }
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

    /**
     * The listening channel's first handler: it sees each accepted channel before anything else does,
     * tracks it, and refuses it, closing it at once, when the server or the peer's address group holds
     * its most connections already (after Armeria's {@code ConnectionLimitingHandler}).
     */
    @ChannelHandler.Sharable
    static final class Tracker extends ChannelInboundHandlerAdapter {
        private static final Logger LOG = LoggerFactory.getLogger(ChannelTransportServer.class);

        final ChannelGroup accepted;
        final LongAdder refused = new LongAdder();
        private final int maxConnections;
        private final int maxPerAddress;
        private final AddressGrouping grouping;
        private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        /**
         * Set once the server closes the connections that are not open: one accepted before and set up
         * on its event loop after closes as it is set up, since it could not be reached before.
         */
        private volatile boolean closing;

        /**
         * Called as an accepted channel is set up on its event loop: closes it, and returns true, when the
         * server has closed its connections that were not open meanwhile.
         */
        boolean closedAsSetUp(Channel child) {
            if (closing) {
                child.close();
                return true;
            }
            return false;
        }

        Tracker(EventExecutor executor, TransportOptions options) {
            this.accepted = new DefaultChannelGroup("accepted", executor);
            this.maxConnections = options.maxConnections();
            this.maxPerAddress = options.maxConnectionsPerAddress();
            this.grouping = options.addressGrouping();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                if (!admit(child)) {
                    return;
                }
                accepted.add(child);
            }
            ctx.fireChannelRead(msg);
        }

        private boolean admit(Channel child) {
            if (count.incrementAndGet() > maxConnections) {
                count.decrementAndGet();
                refuse(child, "the server holds its most connections (" + maxConnections + ")");
                return false;
            }
            String group = grouping.groupOf(child.remoteAddress());
            if (group != null) {
                Integer held = perAddress.compute(group, (g, n) -> n == null ? 1 : n + 1);
                if (held > maxPerAddress) {
                    release(group);
                    count.decrementAndGet();
                    refuse(child, group + " holds its most connections (" + maxPerAddress + ")");
                    return false;
                }
                child.closeFuture().addListener(f -> release(group));
            }
            child.closeFuture().addListener(f -> count.decrementAndGet());
            return true;
        }

        private void release(String group) {
            perAddress.computeIfPresent(group, (g, n) -> n == 1 ? null : n - 1);
        }

        /** The connections held from {@code group} now. */
        int heldBy(String group) {
            return perAddress.getOrDefault(group, 0);
        }

        private void refuse(Channel child, String why) {
            refused.increment();
            LOG.debug("refused a connection from {}: {}", child.remoteAddress(), why);
            child.unsafe().closeForcibly();
        }
    }
}
