package io.jrpcx.internal.transport;

import io.jrpcx.framing.Framer;
import io.jrpcx.net.Service;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.Transport;
import io.jrpcx.transport.TransportException;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.TransportServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Netty transport shares: bootstrapping, the pipeline
 * {@code [negotiations...][framing layer][MessageBridge]}, waiting for the connection to open, and one
 * clear line for every failure. A transport says how to address a {@link Service}, which channels it
 * uses, and which negotiation steps it adds ({@link #addNegotiations}).
 *
 * <pre>{@code
 * final class TcpTransport extends ChannelTransport { ... }
 * MessageTransport t = TcpTransport.INSTANCE.connect(service, listener, options);
 * }</pre>
 */
public abstract class ChannelTransport implements Transport {
    /** Reads of one accepted connection per turn of its I/O thread (Netty's default is 16). */
    static final int MAX_READS_PER_TURN = 2;

    private static final Pattern NATIVE_ERROR = Pattern.compile(".*failed with error\\(-?\\d+\\): (.+)");

    /** The address to connect to or bind for {@code service}. */
    protected abstract SocketAddress socketAddress(Service service);

    /** The client channel class for {@code group}. */
    protected abstract Class<? extends Channel> channelClass(EventLoopGroup group);

    /** The server channel class for {@code group}. */
    protected abstract Class<? extends ServerChannel> serverChannelClass(EventLoopGroup group);

    /** The service a server channel is bound to, with its real port. */
    protected abstract Service boundService(Service requested, Channel serverChannel);

    /** Socket options of client and accepted channels. */
    protected void configure(Bootstrap bootstrap) {
    }

    /** Socket options of accepted channels. */
    protected void configure(ServerBootstrap bootstrap) {
    }

    /** Adds this transport's negotiation steps (TLS, WebSocket upgrade) to a new connection's pipeline. */
    protected void addNegotiations(ChannelPipeline pipeline, Service service, boolean client, TransportOptions options) {
    }

    /** Adds the framing layer and the bridge, the end of every pipeline. */
    protected MessageBridge addMessageLayer(ChannelPipeline pipeline, TransportListener listener, TransportOptions options) {
        Framer framer = options.framing().newFramer();
        MessageBridge bridge = MessageBridge.overFramer(listener, framer);
        pipeline.addLast("framing", new FramerCodec(framer));
        pipeline.addLast("bridge", bridge);
        return bridge;
    }

    @Override
    public MessageTransport connect(Service service, TransportListener listener, TransportOptions options) {
        String what = "cannot connect to " + describe(service);
        io.jrpcx.socks.SocksProxy proxy = options.proxy().orElse(null);
        if (proxy == null) {
            return connect(service, socketAddress(service), null, listener, options, what);
        }
        if (service.isUnix()) {
            throw new TransportException(what + ": a SOCKS proxy cannot reach a Unix socket",
                    new IOException("SOCKS proxy and Unix socket"));
        }
        // the proxy reaches the destination: by name (the proxy resolves it), or by each local address in turn
        java.util.List<String> destinations;
        try {
            destinations = proxy.destinations(service.host().toString());
        } catch (java.net.UnknownHostException e) {
            throw new TransportException(what + ": unknown host", e);
        }
        SocketAddress proxyAddress = new java.net.InetSocketAddress(proxy.address().host().toString(), proxy.address().port());
        what = what + " through " + proxy;
        TransportException last = null;
        for (String destination : destinations) {
            io.netty.channel.ChannelHandler step = proxy.negotiation(destination, service.port(), options.handshakeTimeout());
            try {
                return connect(service, proxyAddress, step, listener, options, what);
            } catch (TransportException e) {
                last = e;
            }
        }
        throw java.util.Objects.requireNonNull(last);
    }

    private MessageTransport connect(Service service, SocketAddress address, io.netty.channel.@org.jspecify.annotations.Nullable ChannelHandler first,
                                     TransportListener listener, TransportOptions options, String what) {
        EventLoopGroup group = EventLoops.groupOf(options);
        MessageBridge[] bridge = new MessageBridge[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelClass(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (first != null) {
                            ch.pipeline().addLast("proxy", first);
                        }
                        addNegotiations(ch.pipeline(), service, true, options);
                        bridge[0] = addMessageLayer(ch.pipeline(), listener, options);
                    }
                });
        configure(bootstrap);
        ChannelFuture future = bootstrap.connect(address);
        await(future, what);
        MessageBridge b = bridge[0];
        try {
            b.opened().get();
        } catch (InterruptedException e) {
            future.channel().close();
            Thread.currentThread().interrupt();
            throw new TransportException(what + ": interrupted", new InterruptedIOException());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (!b.isActive()) {
            Throwable cause = b.failure();
            String reason = cause == null ? "connection closed during negotiation" : reason(cause);
            throw new TransportException(what + ": " + reason,
                    cause instanceof IOException io ? io : new IOException(reason, cause));
        }
        return b;
    }

    @Override
    public TransportServer serve(Service service, Supplier<? extends TransportListener> listeners, TransportOptions options) {
        EventLoopGroup group = EventLoops.groupOf(options);
        ChannelTransportServer.Tracker tracker = new ChannelTransportServer.Tracker(group.next(), options);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverChannelClass(group))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(tracker)
                // fairness: a peer that pipelines without end gets at most a few reads per turn of its I/O
                // thread, so the other connections of that thread are served in between
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(MAX_READS_PER_TURN))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        addNegotiations(ch.pipeline(), service, false, options);
                        addMessageLayer(ch.pipeline(), listeners.get(), options);
                    }
                });
        configure(bootstrap);
        ChannelFuture future = bootstrap.bind(socketAddress(service));
        await(future, "cannot listen on " + describe(service));
        return new ChannelTransportServer(boundService(service, future.channel()), future.channel(), tracker);
    }

    /** How a service is named in messages: {@code host:port}, or the path of a Unix socket. */
    protected static String describe(Service service) {
        return service.isUnix() ? service.path() : service.address().toString();
    }

    /** One clear line: Netty's native messages carry the call and error number, and often the address. */
    public static String reason(Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = reason.indexOf(": /");
        if (colon > 0) {
            reason = reason.substring(0, colon);
        }
        Matcher nativeError = NATIVE_ERROR.matcher(reason);
        return nativeError.matches() ? nativeError.group(1) : reason;
    }

    private static void await(ChannelFuture future, String what) {
        try {
            future.sync();
        } catch (InterruptedException e) {
            future.cancel(false);
            future.channel().close();
            Thread.currentThread().interrupt();
            throw new TransportException(what + ": interrupted", new InterruptedIOException());
        } catch (Exception e) {
            future.channel().close();
            String reason = reason(e);
            IOException cause = e instanceof IOException io ? io : new IOException(reason, e);
            throw new TransportException(what + ": " + reason, cause);
        }
    }
}
