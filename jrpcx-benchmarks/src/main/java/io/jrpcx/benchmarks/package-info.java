/**
 * JMH benchmarks of jrpcx's hot path, and the servers {@code scripts/compare.sh} measures side by side.
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar SessionRoundTripBenchmark
 * }</pre>
 */
@NullMarked
package io.jrpcx.benchmarks;

import org.jspecify.annotations.NullMarked;
