package io.jrpcx.transport;

import io.jrpcx.framing.Framing;
import io.jrpcx.internal.transport.EventLoops;
import io.jrpcx.internal.transport.FramedChannelHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plain TCP: a client connects with {@link #connect}, a server listens with {@link #serve}. Each
 * connection gets its own framer from the supplier and its own listener.
 *
 * <pre>{@code
 * TransportServer server = TcpTransport.serve(List.of(new InetSocketAddress("127.0.0.1", 0)),
 *         Framing.newline(), EchoListener::new);
 * MessageTransport client = TcpTransport.connect(server.addresses().get(0),
 *         Framing.newline(), myListener, Duration.ofSeconds(10));
 * }</pre>
 */
public final class TcpTransport {
    private TcpTransport() {
    }

    /**
     * Connects to {@code address}, blocking until connected.
     *
     * @throws TransportException when the connection cannot be made (the message names the address)
     */
    public static MessageTransport connect(InetSocketAddress address, Framing framing,
                                           TransportListener listener, Duration timeout) {
        FramedChannelHandler handler = new FramedChannelHandler(framing.newFramer(), listener);
        Bootstrap bootstrap = new Bootstrap()
                .group(EventLoops.group())
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handler);
                    }
                });
        ChannelFuture future = bootstrap.connect(address);
        await(future, "cannot connect to " + describe(address));
        handler.opened().join();
        return handler;
    }

    /**
     * Listens on every address; each accepted connection gets a new listener from {@code listeners}.
     *
     * @throws TransportException when an address cannot be bound (listeners already bound are closed)
     */
    public static TransportServer serve(List<InetSocketAddress> addresses, Framing framing,
                                        Supplier<? extends TransportListener> listeners) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(EventLoops.group())
                .channel(EventLoops.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FramedChannelHandler(framing.newFramer(), listeners.get()));
                    }
                });
        List<Channel> bound = new ArrayList<>();
        try {
            for (InetSocketAddress address : addresses) {
                ChannelFuture future = bootstrap.bind(address);
                await(future, "cannot listen on " + describe(address));
                bound.add(future.channel());
            }
        } catch (RuntimeException e) {
            bound.forEach(Channel::close);
            throw e;
        }
        return new TransportServer(bound);
    }

    static String describe(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** One clear line: Netty's native messages carry the call and error number, and often the address. */
    static String reason(Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = reason.indexOf(": /");
        if (colon > 0) {
            reason = reason.substring(0, colon);
        }
        java.util.regex.Matcher nativeError = NATIVE_ERROR.matcher(reason);
        return nativeError.matches() ? nativeError.group(1) : reason;
    }

    private static final java.util.regex.Pattern NATIVE_ERROR =
            java.util.regex.Pattern.compile(".*failed with error\\(-?\\d+\\): (.+)");

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
