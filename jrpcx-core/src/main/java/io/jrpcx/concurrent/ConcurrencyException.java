package io.jrpcx.concurrent;

import org.jspecify.annotations.Nullable;

/**
 * The root of the unchecked exceptions of {@code io.jrpcx.concurrent}: timeouts, cancelled and failed
 * tasks, and an exhausted task group. Misuse (asking a group for results before it is joined, spawning
 * into a joined group) is reported with the JDK's {@link IllegalStateException} instead.
 *
 * <pre>{@code
 * try {
 *     Timeouts.timeoutAfter(Duration.ofSeconds(1), () -> queue.take());
 * } catch (ConcurrencyException e) {
 *     log.warn("gave up: {}", e.getMessage());
 * }
 * }</pre>
 */
public abstract class ConcurrencyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrencyException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
