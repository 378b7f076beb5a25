package io.jrpcx.benchmarks;

import io.jrpcx.framing.FrameSink;
import io.jrpcx.framing.Framer;
import io.jrpcx.framing.Framing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Newline framing: splitting a read of {@code perRead} pipelined requests into messages, and framing one
 * message for sending. Time is per read (divide by {@code perRead} for per message).
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar NewlineFramingBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NewlineFramingBenchmark {
    private static final byte[] MESSAGE =
            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":12345}"
                    .getBytes(StandardCharsets.UTF_8);

    @Param({"1", "16"})
    public int perRead;

    private ByteBuffer read;
    private Framer framer;

    @Setup
    public void setup() {
        ByteBuffer buffer = ByteBuffer.allocateDirect((MESSAGE.length + 1) * perRead);
        for (int i = 0; i < perRead; i++) {
            buffer.put(MESSAGE).put((byte) '\n');
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
        return framer.frame(MESSAGE);
    }
}
