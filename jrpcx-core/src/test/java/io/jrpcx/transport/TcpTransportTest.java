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
    void readingPausedByItsOwnerStaysPausedWhenTheChannelBecomesWritableAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch writableAgain = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean wentUnwritable = new java.util.concurrent.atomic.AtomicBoolean();
        byte[] chunk = "x".repeat(60_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        TransportListener pausedSender = new TransportListener() {
            @Override
            public void onOpen(MessageTransport transport) {
                transport.setReading(false);
                for (int i = 0; i < 300; i++) {   // 18 MB: more than the socket buffers and the high-water mark
                    transport.send(chunk);
                }
            }

            @Override
            public void onMessage(byte[] message) {
                received.incrementAndGet();
            }

            @Override
            public void onInputClosed() {
            }

            @Override
            public void onWritabilityChanged(boolean writable) {
                if (!writable) {
                    wentUnwritable.set(true);
                } else if (wentUnwritable.get()) {
                    writableAgain.countDown();
                }
            }

            @Override
            public void onClosed(@Nullable Throwable cause) {
            }
        };
        try (TransportServer server = TcpTransport.serve(List.of(new InetSocketAddress("127.0.0.1", 0)),
                Framing.newline(0), () -> pausedSender);
                java.net.Socket peer = new java.net.Socket("127.0.0.1", server.addresses().get(0).getPort())) {
            peer.getOutputStream().write("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            peer.setSoTimeout(20_000);
            // not reading yet: the server's outbound buffer fills and the channel turns unwritable
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!wentUnwritable.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(wentUnwritable).as("went unwritable").isTrue();
            java.io.InputStream in = peer.getInputStream();
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            while (total < 300L * (chunk.length + 1)) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                total += n;
            }
            assertThat(writableAgain.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // the line sent long ago stays unread: the owner's pause outlives the writability change
            // (a negative check: given a second, an unpaused channel reads it)
            long quietUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < quietUntil && received.get() == 0) {
                Thread.onSpinWait();
            }
            assertThat(received.get()).isZero();
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
