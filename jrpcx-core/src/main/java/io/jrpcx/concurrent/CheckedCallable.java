package io.jrpcx.concurrent;

import org.jspecify.annotations.Nullable;

/**
 * A block of code that returns a value and may throw the checked exception {@code X}: the body of a
 * timeout or of {@link TaskGroup#run(CheckedCallable)}. When the lambda throws no checked exception,
 * {@code X} is inferred as {@link RuntimeException} and the caller has nothing to catch.
 *
 * <pre>{@code
 * String line = Timeouts.timeoutAfter(Duration.ofSeconds(5), () -> reader.readLine());  // X = IOException
 * }</pre>
 *
 * @param <T> the result type
 * @param <X> the checked exception the block may throw
 */
@FunctionalInterface
public interface CheckedCallable<T extends @Nullable Object, X extends Exception> {

    /**
     * Runs the block.
     *
     * @return the block's result, which may be {@code null} when {@code T} allows it
     * @throws X whatever checked exception the block throws
     */
    T call() throws X;
}
