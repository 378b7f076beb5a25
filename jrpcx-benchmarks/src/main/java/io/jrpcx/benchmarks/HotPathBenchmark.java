package io.jrpcx.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every hot-path benchmark shares (JMH inherits them): average time in nanoseconds,
 * per-thread state, 3 warm-up and 5 measured one-second iterations in one fork; and the request they
 * all use, the one loadgen sends.
 *
 * <pre>{@code
 * public class MyBenchmark extends HotPathBenchmark {
 *     @Benchmark
 *     public int length() { return ECHO_REQUEST.length; }
 * }
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class HotPathBenchmark {
    /** An echo request, without its line ending. */
    protected static final byte[] ECHO_REQUEST =
            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":12345}"
                    .getBytes(StandardCharsets.UTF_8);
}
