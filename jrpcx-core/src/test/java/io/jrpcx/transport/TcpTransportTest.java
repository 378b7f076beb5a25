package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.internal.transport.ChannelTransport;
import io.jrpcx.net.Service;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection and bind failures read as one clear line naming the address; reading pauses hold. */
@Timeout(60)
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
        Service service = Service.parse("tcp://127.0.0.1:" + port);
        assertThatThrownBy(() -> Transports.connect(service, IGNORE, TransportOptions.defaults()))
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + port + ": Connection refused");
    }

    @Test
    void aTakenPortNamesTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Service service = Service.parse("tcp://127.0.0.1:" + taken.getLocalPort());
            assertThatThrownBy(() -> Transports.serve(service, () -> IGNORE, TransportOptions.defaults()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageNotContaining("failed with error");
        }
    }

    @Test
    void anUnknownSchemeIsRefusedByName() {
        assertThatThrownBy(() -> Transports.forScheme("gopher"))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("unsupported scheme 'gopher'");
    }

    @Test
    void aServerReportsItsRealPortInItsService() {
        try (TransportServer server = Transports.serve(Service.parseListening("tcp://127.0.0.1:0"), () -> IGNORE,
                TransportOptions.defaults())) {
            assertThat(server.service().protocol()).isEqualTo("tcp");
            assertThat(server.service().port()).isPositive();
            assertThat(server.service().toString()).isEqualTo("tcp://127.0.0.1:" + server.service().port());
        }
    }

    @Test
    void readingPausedByItsOwnerStaysPausedWhenTheChannelBecomesWritableAgain() throws Exception {
        AtomicInteger received = new AtomicInteger();
        CountDownLatch writableAgain = new CountDownLatch(1);
        CountDownLatch helloRead = new CountDownLatch(1);
        AtomicBoolean wentUnwritable = new AtomicBoolean();
        CompletableFuture<MessageTransport> opened = new CompletableFuture<>();
        byte[] chunk = "x".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        TransportListener pausedSender = new TransportListener() {
            @Override
            public void onOpen(MessageTransport transport) {
                transport.pauseReading(ReadPause.REQUESTED);
                for (int i = 0; i < 300; i++) {   // 18 MB: more than the socket buffers and the high-water mark
                    transport.send(chunk);
                }
                opened.complete(transport);
            }

            @Override
            public void onMessage(byte[] message) {
                received.incrementAndGet();
                helloRead.countDown();
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
        TransportOptions options = TransportOptions.builder().framing(io.jrpcx.framing.Framing.newline(0)).build();
        try (TransportServer server = Transports.serve(Service.parseListening("tcp://127.0.0.1:0"), () -> pausedSender, options);
                Socket peer = new Socket("127.0.0.1", server.service().port())) {
            // the peer's line is on its way before the server has written anything
            peer.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            peer.setSoTimeout(20_000);
            MessageTransport transport = opened.get(20, TimeUnit.SECONDS);
            InputStream in = peer.getInputStream();
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            while (total < 300L * (chunk.length + 1)) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                total += n;
            }
            assertThat(wentUnwritable).as("went unwritable").isTrue();
            assertThat(writableAgain.await(20, TimeUnit.SECONDS)).isTrue();
            // writable again, yet the owner's pause holds: the line that arrived first is still unread
            assertThat(received.get()).isZero();
            transport.resumeReading(ReadPause.REQUESTED);
            assertThat(helloRead.await(20, TimeUnit.SECONDS)).as("read once resumed").isTrue();
        }
    }

    @Test
    void pausesAreReportedOnlyWhenReadingReallyStopsOrStarts() throws Exception {
        java.util.concurrent.BlockingQueue<Set<ReadPause>> changes = new java.util.concurrent.LinkedBlockingQueue<>();
        CompletableFuture<MessageTransport> opened = new CompletableFuture<>();
        TransportListener listener = new TransportListener() {
            @Override
            public void onOpen(MessageTransport transport) {
                opened.complete(transport);
            }

            @Override
            public void onMessage(byte[] message) {
            }

            @Override
            public void onInputClosed() {
            }

            @Override
            public void onReadingChanged(Set<ReadPause> reasons) {
                changes.add(reasons);
            }

            @Override
            public void onClosed(@Nullable Throwable cause) {
            }
        };
        try (TransportServer server = Transports.serve(Service.parseListening("tcp://127.0.0.1:0"), () -> listener,
                TransportOptions.defaults());
                Socket peer = new Socket("127.0.0.1", server.service().port())) {
            MessageTransport t = opened.get(20, TimeUnit.SECONDS);
            t.pauseReading(ReadPause.REQUESTED);
            t.pauseReading(ReadPause.BACKLOG);
            t.resumeReading(ReadPause.REQUESTED);
            t.resumeReading(ReadPause.BACKLOG);
            assertThat(changes.poll(20, TimeUnit.SECONDS)).containsExactly(ReadPause.REQUESTED);
            assertThat(changes.poll(20, TimeUnit.SECONDS)).isEmpty();
            // one more change proves nothing was reported in between
            t.pauseReading(ReadPause.THROTTLED);
            assertThat(changes.poll(20, TimeUnit.SECONDS)).containsExactly(ReadPause.THROTTLED);
        }
    }

    @Test
    void aMessageRefusedOnAnotherThreadIsRefusedToItsSenderAndTheRestIsSent() throws Exception {
        CompletableFuture<MessageTransport> opened = new CompletableFuture<>();
        TransportListener server = new TransportListener() {
            @Override
            public void onOpen(MessageTransport transport) {
                opened.complete(transport);
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
        try (TransportServer listening = Transports.serve(Service.parseListening("tcp://127.0.0.1:0"), () -> server,
                TransportOptions.defaults());
                Socket peer = new Socket("127.0.0.1", listening.service().port())) {
            MessageTransport t = opened.get(20, TimeUnit.SECONDS);
            java.util.concurrent.atomic.AtomicReference<Throwable> refused = new java.util.concurrent.atomic.AtomicReference<>();
            Thread sender = Thread.ofVirtual().start(() -> {
                t.send("before".getBytes(StandardCharsets.US_ASCII));
                try {
                    t.send("two\nlines".getBytes(StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    refused.set(e);
                }
                t.send("after".getBytes(StandardCharsets.US_ASCII));
            });
            sender.join();
            assertThat(refused.get()).isInstanceOf(IllegalArgumentException.class);
            peer.setSoTimeout(20_000);
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("before");
            assertThat(in.readLine()).isEqualTo("after");
        }
    }

    @Test
    void nativeErrorTextIsReducedToItsReason() {
        assertThat(ChannelTransport.reason(new IOException("finishConnect(..) failed with error(-111): Connection refused")))
                .isEqualTo("Connection refused");
        assertThat(ChannelTransport.reason(new IOException("connection timed out after 10 ms: /127.0.0.1:9")))
                .isEqualTo("connection timed out after 10 ms");
    }

    @Test
    void aRefusedConnectionByNameDoesNotRepeatTheAddress() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Service service = Service.parse("tcp://localhost:" + port);
        assertThatThrownBy(() -> Transports.connect(service, IGNORE, TransportOptions.defaults()))
                .hasMessage("cannot connect to localhost:" + port + ": Connection refused");
    }
}
