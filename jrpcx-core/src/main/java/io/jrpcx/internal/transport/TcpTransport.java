package io.jrpcx.internal.transport;

import io.jrpcx.net.NetAddress;
import io.jrpcx.net.Service;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Plain TCP ({@code tcp://host:port}): no negotiation, newline (or other) framing straight on the socket.
 *
 * <pre>{@code
 * MessageTransport t = TcpTransport.INSTANCE.connect(Service.parse("tcp://127.0.0.1:8000"), listener, options);
 * }</pre>
 */
public class TcpTransport extends ChannelTransport {
    public static final TcpTransport INSTANCE = new TcpTransport();

    protected TcpTransport() {
    }

    @Override
    protected SocketAddress socketAddress(Service service) {
        NetAddress a = service.address();
        return new InetSocketAddress(a.host().toString(), a.port());
    }

    @Override
    protected Class<? extends Channel> channelClass(EventLoopGroup group) {
        return EventLoops.socketChannel(group);
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelClass(EventLoopGroup group) {
        return EventLoops.serverSocketChannel(group);
    }

    @Override
    protected Service boundService(Service requested, Channel serverChannel) {
        return requested.withAddress(NetAddress.of((InetSocketAddress) serverChannel.localAddress()));
    }

    @Override
    protected void configure(Bootstrap bootstrap) {
        bootstrap.option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }

    @Override
    protected void configure(ServerBootstrap bootstrap) {
        bootstrap.childOption(ChannelOption.TCP_NODELAY, true).childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
}
