package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session suite over a Unix domain socket. */
class UnixSessionTest extends SessionTestSuite {
    @TempDir
    Path dir;

    @Override
    protected String listenUrl() {
        return "unix://" + dir.resolve("jrpcx.sock");
    }

    /** The suite's version opens TCP sockets; this one opens Unix sockets the same way. */
    @Override
    @Test
    void closingTheServerClosesConnectionsStillBeingAccepted() throws Exception {
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(server.services().get(0).path());
        List<SocketChannel> sockets = new CopyOnWriteArrayList<>();
        Thread opener = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 200; i++) {
                try {
                    sockets.add(SocketChannel.open(target));
                } catch (IOException e) {
                    return;   // the listener is closed
                }
            }
        });
        eventually(client(), () -> !sockets.isEmpty());
        server.close(Duration.ofSeconds(1));
        opener.join();
        assertThat(server.connections()).isZero();
        for (SocketChannel socket : sockets) {
            try (socket) {
                assertThat(socket.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            } catch (IOException reset) {
                // closed all the same
            }
        }
    }
}
