package io.jrpcx.internal.transport;

import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Unix domain sockets ({@code unix:///path/to.sock}): Netty's epoll domain sockets, or the JDK's
 * Unix-domain channels through NIO where epoll is not in use. A server removes its socket file when it
 * closes; a file left by a server that crashed (nothing accepts on it) is removed before binding, and a
 * path where a server still listens, or that is not a socket, is refused. The end of a peer's input
 * counts as the connection lost (a Unix socket has no reset to tell an abort from a half-close).
 *
 * <pre>{@code
 * MessageTransport t = UnixTransport.INSTANCE.connect(Service.parse("unix:///run/app.sock"), listener, options);
 * }</pre>
 */
public final class UnixTransport extends ChannelTransport {
    public static final UnixTransport INSTANCE = new UnixTransport();
    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET = 0140000;
    /**
     * A Unix socket's send buffer is all the buffering between the peers (there is no receive buffer
     * apart), and its default (about 200 KB, charged per small write) is less than a TCP connection's;
     * ask for 1 MiB (the kernel caps it at {@code net.core.wmem_max}).
     */
    private static final int SEND_BUFFER = 1 << 20;

    private UnixTransport() {
    }

    @Override
    protected SocketAddress socketAddress(Service service) {
        return UnixDomainSocketAddress.of(service.path());
    }

    @Override
    protected SocketAddress socketAddress(Service service, EventLoopGroup group) {
        return EventLoops.isNative(group) ? new DomainSocketAddress(service.path()) : socketAddress(service);
    }

    @Override
    protected Class<? extends Channel> channelClass(EventLoopGroup group) {
        return EventLoops.isNative(group) ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelClass(EventLoopGroup group) {
        return EventLoops.isNative(group) ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    @Override
    protected Service boundService(Service requested, Channel serverChannel) {
        return requested;
    }

    /*
     * No half-closure: a Unix socket has no reset, so a peer that vanishes (or aborts) is seen only as
     * the end of its input; taking that end as the connection lost ends its handlers at once, where a
     * half-closed connection would wait for them.
     */
    @Override
    protected void configure(Bootstrap bootstrap) {
        bootstrap.option(ChannelOption.ALLOW_HALF_CLOSURE, false).option(ChannelOption.SO_SNDBUF, SEND_BUFFER);
    }

    @Override
    protected void configure(ServerBootstrap bootstrap) {
        bootstrap.option(ChannelOption.SO_REUSEADDR, null)   // no such option for Unix sockets
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, false).childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER);
    }

    @Override
    protected Setup setup(Service service, boolean client, TransportOptions options) {
        Setup negotiations = super.setup(service, client, options);
        Path path = Path.of(service.path());
        return new Setup() {
            @Override
            public void addNegotiations(io.netty.channel.ChannelPipeline pipeline) {
                negotiations.addNegotiations(pipeline);
            }

            @Override
            public void beforeBind() {
                removeStale(path);
            }

            @Override
            public void afterClose() {
                try {
                    if (isSocket(path)) {
                        Files.deleteIfExists(path);
                    }
                } catch (IOException ignored) {
                    // gone already, or not ours to remove
                }
            }
        };
    }

    /** Removes a socket file nothing accepts on; refuses one where a server listens, or a file that is no socket. */
    static void removeStale(Path path) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!isSocket(path)) {
                throw new UncheckedIOException(new IOException("the path exists and is not a socket"));
            }
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(path));
                throw new UncheckedIOException(new java.net.BindException("Address already in use (a server listens on it)"));
            } catch (java.net.ConnectException stale) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & FILE_TYPE) == SOCKET;
    }
}
