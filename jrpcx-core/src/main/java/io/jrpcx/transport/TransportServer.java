package io.jrpcx.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Listening sockets made by a transport's {@code serve}. Closing it stops accepting; connections
 * already accepted are left to their owners.
 *
 * <pre>{@code
 * try (TransportServer server = TcpTransport.serve(addresses, framers, listeners)) {
 *     System.out.println("listening on " + server.addresses());
 * }
 * }</pre>
 */
public final class TransportServer implements AutoCloseable {
    private final List<Channel> channels;

    TransportServer(List<Channel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** The bound addresses, in the order they were given, with real port numbers. */
    public List<InetSocketAddress> addresses() {
        return channels.stream().map(ch -> (InetSocketAddress) ch.localAddress()).toList();
    }

    /** Stops listening and waits until every listening socket is closed. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
    }
}
