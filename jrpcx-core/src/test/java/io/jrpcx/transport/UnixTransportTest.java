package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix sockets: the file's life (removed on close, a stale one replaced, a live one kept), epoll and NIO. */
@Timeout(60)
class UnixTransportTest {
    @TempDir
    Path dir;

    private static RpcServer.Builder echoServer(String url) {
        return RpcServer.builder().listen(url).handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                .method("echo", Signature.of("message"), (s, p) -> p.get(0)).build()));
    }

    @Test
    void theSocketFileIsRemovedOnClose() {
        Path socket = dir.resolve("a.sock");
        RpcServer server = echoServer("unix://" + socket).start();
        assertThat(server.services().get(0).toString()).isEqualTo("unix://" + socket);
        try (RpcSession client = RpcClient.builder().build().connect("unix://" + socket)) {
            assertThat(client.request("echo", "over unix").asText()).isEqualTo("over unix");
        }
        assertThat(socket).exists();
        server.close(Duration.ZERO);
        assertThat(socket).doesNotExist();
    }

    @Test
    void aStaleFileFromACrashedServerDoesNotBlockARestart() throws IOException {
        Path socket = dir.resolve("stale.sock");
        // a socket file with nothing accepting on it, as a killed server leaves
        ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        crashed.bind(UnixDomainSocketAddress.of(socket));
        crashed.close();
        assertThat(socket).exists();
        RpcServer server = echoServer("unix://" + socket).start();
        try (RpcSession client = RpcClient.builder().build().connect("unix://" + socket)) {
            assertThat(client.request("echo", 1).asInt()).isEqualTo(1);
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void aPathWhereAServerListensIsRefusedAndKept() throws IOException {
        Path socket = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));
            assertThatThrownBy(() -> echoServer("unix://" + socket).start())
                    .isInstanceOf(TransportException.class)
                    .hasMessage("cannot listen on " + socket + ": Address already in use (a server listens on it)");
            assertThat(socket).exists();
        }
    }

    @Test
    void aPathThatIsNoSocketIsRefusedAndKept() throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> echoServer("unix://" + file).start())
                .hasMessage("cannot listen on " + file + ": the path exists and is not a socket");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void connectingToNothingNamesThePath() {
        Path socket = dir.resolve("none.sock");
        assertThatThrownBy(() -> RpcClient.builder().build().connect("unix://" + socket))
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot connect to " + socket + ": No such file or directory");
    }

    @Test
    void theJdkChannelsServeWhereEpollIsNotUsed() {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Path socket = dir.resolve("nio.sock");
        try {
            RpcServer server = echoServer("unix://" + socket).eventLoops(nio).start();
            try (RpcSession client = RpcClient.builder().eventLoops(nio).build().connect("unix://" + socket)) {
                assertThat(client.request("echo", "nio").asText()).isEqualTo("nio");
            }
            server.close(Duration.ZERO);
            assertThat(socket).doesNotExist();
        } finally {
            nio.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
