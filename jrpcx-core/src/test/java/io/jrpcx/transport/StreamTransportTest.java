package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stream-pair transport ({@link StdioTransport#open}) keeps the {@link MessageTransport} contract:
 * events in order on one I/O thread, reading paused while any reason holds, writability reported when
 * the other end does not read, a graceful close that flushes, an abort that does not.
 */
@Timeout(30)
class StreamTransportTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<@Nullable Throwable> closed = new CompletableFuture<>();
    private final BlockingQueue<Boolean> writability = new LinkedBlockingQueue<>();
    private final BlockingQueue<Set<ReadPause>> reading = new LinkedBlockingQueue<>();
    private volatile boolean allOnIoThread = true;
    private MessageTransport transport;

    private final TransportListener listener = new TransportListener() {
        @Override
        public void onOpen(MessageTransport t) {
            check(t);
            events.add("open");
        }

        @Override
        public void onMessage(byte[] message) {
            check(transport);
            events.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void onInputClosed() {
            events.add("input closed");
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            writability.add(writable);
        }

        @Override
        public void onReadingChanged(Set<ReadPause> reasons) {
            reading.add(reasons);
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
            check(transport);
            closed.complete(cause);
        }

        private void check(@Nullable MessageTransport t) {
            if (t != null && !t.inIoThread()) {
                allOnIoThread = false;
            }
        }
    };

    private static byte[] framed(String json) {
        return ("Content-Length: " + json.length() + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesFlowBothWaysAndAPauseHoldsReading() throws Exception {
        PipedOutputStream peerWrites = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(peerWrites, 1 << 16);
        PipedInputStream peerReads = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(peerReads);
        transport = StdioTransport.open(in, out, listener, StdioOptions.defaults());
        assertThat(events.take()).isEqualTo("open");

        byte[] two = (new String(framed("{\"a\":1}"), StandardCharsets.UTF_8)
                + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
                + new String(framed("{\"b\":2}"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        peerWrites.write(two);
        peerWrites.flush();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"a\":1}");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"b\":2}");

        transport.pauseReading(ReadPause.REQUESTED);
        assertThat(reading.poll(10, TimeUnit.SECONDS)).containsExactly(ReadPause.REQUESTED);
        peerWrites.write(framed("{\"c\":3}"));
        peerWrites.flush();
        assertThat(events.poll(300, TimeUnit.MILLISECONDS)).as("nothing is delivered while paused").isNull();
        transport.resumeReading(ReadPause.REQUESTED);
        assertThat(reading.poll(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"c\":3}");

        transport.send("{\"reply\":true}".getBytes(StandardCharsets.UTF_8));
        transport.close();
        assertThat(new String(peerReads.readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("Content-Length: 14\r\n\r\n{\"reply\":true}");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(transport.isOpen()).isFalse();
        assertThat(allOnIoThread).isTrue();
        transport.send("{}".getBytes(StandardCharsets.UTF_8));   // dropped after the close, no failure
    }

    @Test
    void aPeerThatDoesNotReadMakesItUnwritableAndPausesReadingUntilItReads() throws Exception {
        PipedInputStream in = new PipedInputStream(new PipedOutputStream());
        PipedInputStream peerReads = new PipedInputStream(1024);
        PipedOutputStream out = new PipedOutputStream(peerReads);
        transport = StdioTransport.open(in, out, listener, StdioOptions.defaults());
        byte[] message = ("\"" + "x".repeat(10_000) + "\"").getBytes(StandardCharsets.UTF_8);
        while (transport.isWritable()) {
            transport.send(message);
        }
        assertThat(writability.poll(10, TimeUnit.SECONDS)).isFalse();
        assertThat(reading.poll(10, TimeUnit.SECONDS)).containsExactly(ReadPause.NOT_WRITABLE);
        CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> count(peerReads));
        assertThat(writability.poll(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reading.poll(10, TimeUnit.SECONDS)).isEmpty();
        transport.close();
        assertThat(drained.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(closed.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void theEndOfInputIsReportedAndAMalformedHeaderEndsReadingWithItsReason() throws Exception {
        PipedOutputStream peerWrites = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(peerWrites);
        transport = StdioTransport.open(in, new ByteArrayOutputStream(), listener, StdioOptions.defaults());
        assertThat(events.take()).isEqualTo("open");
        peerWrites.write("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.UTF_8));
        peerWrites.flush();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("input closed");
        transport.close();
        Throwable cause = closed.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(IOException.class).hasMessageContaining("Content-Length");
    }

    @Test
    void abortDiscardsWhatIsQueuedAndAMessageTheFramingRefusesIsRefusedToTheSender() throws Exception {
        PipedInputStream in = new PipedInputStream(new PipedOutputStream());
        PipedInputStream peerReads = new PipedInputStream(1024);
        PipedOutputStream out = new PipedOutputStream(peerReads);
        transport = StdioTransport.open(in, out, listener, StdioOptions.builder().framing(Framing.newline()).build());
        assertThatThrownBy(() -> transport.send("a\nb".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] message = ("\"" + "y".repeat(4_000) + "\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            transport.send(message);
        }
        transport.abort();
        long read = count(peerReads);
        assertThat(read).isLessThan(20L * message.length);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(transport.isOpen()).isFalse();
    }

    private static long count(InputStream in) {
        try {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
