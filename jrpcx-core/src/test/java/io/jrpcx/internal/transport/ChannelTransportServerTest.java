package io.jrpcx.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection the listening channel has accepted but that is not on its event loop yet, when the server
 * closes the connections that are not open: it cannot be reached there, so it closes itself as it is set
 * up, and the server's wait for its connections ends.
 */
@Timeout(30)
class ChannelTransportServerTest {
    private final EventLoopGroup loops = EventLoops.newGroup(1, "test-io");

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aConnectionAcceptedButNotYetRegisteredClosesAsItIsSetUp() throws Exception {
        ChannelTransportServer.Tracker tracker = new ChannelTransportServer.Tracker(loops.next(), TransportOptions.defaults());
        ChannelTransportServer server = new ChannelTransportServer(Service.parseListening("tcp://127.0.0.1:0"),
                new EmbeddedChannel(), tracker, pipeline -> { });
        // as the listening channel hands it on, before registration
        Channel accepted = EventLoops.socketChannel(loops).getDeclaredConstructor().newInstance();
        tracker.accepted.add(accepted);
        assertThat(accepted.isRegistered()).isFalse();

        server.closeConnectionsNotOpen();   // must not need the channel's event loop, which it has not got
        assertThat(server.awaitConnectionsClosed(Duration.ofMillis(1))).isFalse();

        // the acceptor registers it, and the server's initializer sets it up: it closes instead
        accepted.pipeline().addLast(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                tracker.closedAsSetUp(ch);   // what the server's initializer does first
            }
        });
        loops.next().register(accepted).sync();
        assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(server.connections()).isZero();
    }
}
