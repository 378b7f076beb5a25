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
 * uses, and which negotiation steps it adds (through its {@code Setup}).
 *
 * <pre>{@code
 * final class TcpTransport extends ChannelTransport { ... }
 * MessageTransport t = TcpTransport.INSTANCE.connect(service, listener, options);
 * }</pre>
 */
public abstract class ChannelTransport implements Transport {
    /** Reads of one accepted connection per turn of its I/O thread (Netty's default is 16). */
    static final int MAX_READS_PER_TURN = 2;

    /** The {@code : host/address:port} Netty appends to a connect failure (the line names the address already). */
    private static final Pattern HOST_SUFFIX = Pattern.compile(": [\\w.-]+/[0-9a-fA-F.:%\\[\\]]+:\\d+$");
    private static final Pattern NATIVE_ERROR = Pattern.compile(".*failed with error\\(-?\\d+\\): (.+)");

    /** The address to connect to or bind for {@code service}. */
    protected abstract SocketAddress socketAddress(Service service);

    /** The client channel class for {@code group}. */
    protected abstract Class<? extends Channel> channelClass(EventLoopGroup group);

    /** The server channel class for {@code group}. */
    protected abstract Class<? extends ServerChannel> serverChannelClass(EventLoopGroup group);

    /** The service a server channel is bound to, with its real port. */
    protected abstract Service boundService(Service requested, Channel serverChannel);

    /** Makes client channels for {@code group}: by default, of {@link #channelClass}. */
    protected io.netty.channel.ChannelFactory<? extends Channel> channelFactory(EventLoopGroup group) {
        return new io.netty.channel.ReflectiveChannelFactory<>(channelClass(group));
    }

    /** Makes listening channels for {@code group}: by default, of {@link #serverChannelClass}. */
    protected io.netty.channel.ChannelFactory<? extends ServerChannel> serverChannelFactory(EventLoopGroup group) {
        return new io.netty.channel.ReflectiveChannelFactory<>(serverChannelClass(group));
    }

    /** The address to connect to or bind for {@code service} with channels of {@code group}. */
    protected SocketAddress socketAddress(Service service, EventLoopGroup group) {
        return socketAddress(service);
    }

    /** Socket options of client and accepted channels. */
    protected void configure(Bootstrap bootstrap) {
    }

    /** Socket options of accepted channels. */
    protected void configure(ServerBootstrap bootstrap) {
    }

    /** Adds this transport's negotiation steps (TLS, WebSocket upgrade) to a new connection's pipeline. */
    protected void addNegotiations(ChannelPipeline pipeline, Service service, boolean client, TransportOptions options) {
    }

    /**
     * What the connections of one {@link #connect} or {@link #serve} share, made once before it starts:
     * by default {@link #addNegotiations} for each. A transport overrides it to prepare what may fail
     * (a TLS context read from files) or to keep state for a server's life (a TLS context that can be
     * reloaded, a socket file to remove).
     *
     * @throws java.io.UncheckedIOException when it cannot be prepared; the message says why
     */
    protected Setup setup(Service service, boolean client, TransportOptions options) {
        return pipeline -> addNegotiations(pipeline, service, client, options);
    }

    /** What the connections of one client connect or one server share; see {@link #setup}. */
    protected interface Setup {
        /** Adds the negotiation steps of one accepted connection. */
        void addNegotiations(ChannelPipeline pipeline);

        /** Re-reads certificates; see {@link TransportServer#reloadCertificates()}. */
        default void reload() {
        }

        /** Runs before the listening channel is bound. */
        default void beforeBind() {
        }

        /** Runs once the listening channel has closed (or failed to bind); may run more than once. */
        default void afterClose() {
        }
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
        return connect(service, listener, options, prepareClient(service, options));
    }

    /** What the connections of one client share (a TLS context), made once; see {@link #setup}. */
    final Setup prepareClient(Service service, TransportOptions options) {
        return prepare(service, true, options, "cannot connect to " + describe(service));
    }

    /**
     * Connects with {@code setup} made once by {@link #prepareClient}, as a client that makes several
     * connections for one session does (each through the proxy's destinations in turn, if any).
     */
    final MessageTransport connect(Service service, TransportListener listener, TransportOptions options, Setup setup) {
        String what = "cannot connect to " + describe(service);
        io.jrpcx.socks.SocksProxy proxy = options.proxy().orElse(null);
        if (proxy == null) {
            return connect(service, null, null, listener, options, setup, what);
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
                return connect(service, proxyAddress, step, listener, options, setup, what);
            } catch (TransportException e) {
                last = e;
            }
        }
        throw java.util.Objects.requireNonNull(last);
    }

    /** Connects to {@code address} (the service's, or a proxy's, which {@code first} negotiates with). */
    private MessageTransport connect(Service service, @org.jspecify.annotations.Nullable SocketAddress address,
                                     io.netty.channel.@org.jspecify.annotations.Nullable ChannelHandler first,
                                     TransportListener listener, TransportOptions options, Setup setup, String what) {
        EventLoopGroup group = EventLoops.groupOf(options);
        MessageBridge[] bridge = new MessageBridge[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(channelFactory(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (first != null) {
                            ch.attr(MessageBridge.PROXIED_DESTINATION).set(proxiedDestination(service));
                            ch.pipeline().addLast("proxy", first);
                        }
                        setup.addNegotiations(ch.pipeline());
                        bridge[0] = addMessageLayer(ch.pipeline(), listener, options);
                    }
                });
        configure(bootstrap);
        ChannelFuture future = bootstrap.connect(address != null ? address : socketAddress(service, group));
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
        String what = "cannot listen on " + describe(service);
        Setup setup = prepare(service, false, options, what);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channelFactory(serverChannelFactory(group))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(tracker)
                // fairness: a peer that pipelines without end gets at most a few reads per turn of its I/O
                // thread, so the other connections of that thread are served in between
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(MAX_READS_PER_TURN))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tracker.closedAsSetUp(ch)) {
                            return;   // accepted as the server closed: it never opens
                        }
                        setup.addNegotiations(ch.pipeline());
                        addMessageLayer(ch.pipeline(), listeners.get(), options);
                    }
                });
        configure(bootstrap);
        try {
            setup.beforeBind();
        } catch (java.io.UncheckedIOException e) {
            throw new TransportException(what + ": " + reason(e.getCause()), e.getCause());
        }
        ChannelFuture future = bootstrap.bind(socketAddress(service, group));
        try {
            await(future, what);
        } catch (TransportException e) {
            setup.afterClose();
            throw e;
        }
        future.channel().closeFuture().addListener(f -> setup.afterClose());
        return new ChannelTransportServer(boundService(service, future.channel()), future.channel(), tracker, setup);
    }

    private Setup prepare(Service service, boolean client, TransportOptions options, String what) {
        try {
            return setup(service, client, options);
        } catch (java.io.UncheckedIOException e) {
            throw new TransportException(what + ": " + reason(e.getCause()), e.getCause());
        }
    }

    /** What a proxied session reports as its peer: the host and port the proxy was asked to reach. */
    private static SocketAddress proxiedDestination(Service service) {
        return java.net.InetSocketAddress.createUnresolved(service.host().toString(), service.port());
    }

    /** How a service is named in messages: {@code host:port}, or the path of a Unix socket. */
    protected static String describe(Service service) {
        return service.isUnix() ? service.path() : service.address().toString();
    }

    /** One clear line: Netty's native messages carry the call and error number, and often the address. */
    public static String reason(Throwable e) {
        if (e instanceof java.io.FileNotFoundException && e.getMessage() == null) {
            return "No such file or directory";   // a Unix socket path with nothing there
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = reason.indexOf(": /");
        if (colon > 0) {
            reason = reason.substring(0, colon);
        }
        reason = HOST_SUFFIX.matcher(reason).replaceFirst("");
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
            if (future.channel().isRegistered()) {
                future.channel().close();   // one never made (no file descriptor left) has nothing to close
            }
            String reason = reason(e);
            IOException cause = e instanceof IOException io ? io : new IOException(reason, e);
            throw new TransportException(what + ": " + reason, cause);
        }
    }
}
