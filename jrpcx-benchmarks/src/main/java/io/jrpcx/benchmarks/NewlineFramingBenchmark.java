package io.jrpcx.benchmarks;

import io.jrpcx.framing.FrameSink;
import io.jrpcx.framing.Framer;
import io.jrpcx.framing.Framing;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Newline framing: splitting a read of {@code perRead} pipelined requests into messages, and framing one
 * message for sending. Time is per read (divide by {@code perRead} for per message).
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar NewlineFramingBenchmark -prof gc
 * }</pre>
 */
public class NewlineFramingBenchmark extends HotPathBenchmark {
    @Param({"1", "16"})
    public int perRead;

    private ByteBuffer read;
    private Framer framer;

    @Setup
    public void setup() {
        ByteBuffer buffer = ByteBuffer.allocateDirect((ECHO_REQUEST.length + 1) * perRead);
        for (int i = 0; i < perRead; i++) {
            buffer.put(ECHO_REQUEST).put((byte) '\n');
        }
        read = buffer.flip();
        framer = Framing.newline().newFramer();
    }

    @Benchmark
    public void split(Blackhole bh) {
        ByteBuffer data = read.duplicate();
        framer.feed(data, FrameSink.of(bh::consume));
    }

    @Benchmark
    public byte[] frame() {
        return framer.frame(ECHO_REQUEST);
    }
}
