package io.jrpcx.benchmarks;

import io.jrpcx.framing.BitcoinFramer;
import io.jrpcx.framing.ContentLengthFramer;
import io.jrpcx.framing.FrameSink;
import io.jrpcx.framing.Framer;
import java.nio.ByteBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bitcoin P2P and Content-Length framing of 1 KB payloads: splitting a read of {@code perRead} framed
 * messages into messages (with the Bitcoin framer's double SHA-256 check of each payload), and framing
 * one message. Time is per read (divide by {@code perRead} for per message).
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar BinaryFramingBenchmark -prof gc
 * }</pre>
 */
public class BinaryFramingBenchmark extends HotPathBenchmark {
    @Param({"1", "16"})
    public int perRead;

    private byte[] message;
    private byte[] payload;
    private BitcoinFramer bitcoin;
    private Framer contentLength;
    private ByteBuffer bitcoinRead;
    private ByteBuffer contentLengthRead;

    @Setup
    public void setup() {
        payload = new byte[1024];
        new Random(1).nextBytes(payload);
        bitcoin = new BitcoinFramer();
        contentLength = new ContentLengthFramer();
        message = bitcoin.message("tx", payload);
        bitcoinRead = read(bitcoin.frame(message));
        contentLengthRead = read(contentLength.frame(payload));
    }

    private ByteBuffer read(byte[] framed) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(framed.length * perRead);
        for (int i = 0; i < perRead; i++) {
            buffer.put(framed);
        }
        return buffer.flip();
    }

    @Benchmark
    public void bitcoinFeed(Blackhole bh) {
        bitcoin.feed(bitcoinRead.duplicate(), FrameSink.of(bh::consume));
    }

    @Benchmark
    public byte[] bitcoinFrame() {
        return bitcoin.frame(message);
    }

    @Benchmark
    public void contentLengthFeed(Blackhole bh) {
        contentLength.feed(contentLengthRead.duplicate(), FrameSink.of(bh::consume));
    }

    @Benchmark
    public byte[] contentLengthFrame() {
        return contentLength.frame(payload);
    }
}
