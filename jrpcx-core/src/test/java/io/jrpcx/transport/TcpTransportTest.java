package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.Framing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Connection and bind failures read as one clear line naming the address. */
class TcpTransportTest {
    private static final TransportListener IGNORE = new TransportListener() {
        @Override
        public void onOpen(MessageTransport transport) {
        }

        @Override
        public void onMessage(byte[] message) {
        }

        @Override
        public void onInputClosed() {
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
        }
    };

    @Test
    void aRefusedConnectionNamesTheAddressAndTheReason() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        assertThatThrownBy(() -> TcpTransport.connect(address, Framing.newline(), IGNORE, Duration.ofSeconds(10)))
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + port + ": Connection refused");
    }

    @Test
    void aTakenPortNamesTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(() -> TcpTransport.serve(List.of(address), Framing.newline(), () -> IGNORE))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageNotContaining("failed with error");
        }
    }

    @Test
    void nativeErrorTextIsReducedToItsReason() {
        assertThat(TcpTransport.reason(new IOException("finishConnect(..) failed with error(-111): Connection refused")))
                .isEqualTo("Connection refused");
        assertThat(TcpTransport.reason(new IOException("connection timed out after 10 ms: /127.0.0.1:9")))
                .isEqualTo("connection timed out after 10 ms");
    }
}
