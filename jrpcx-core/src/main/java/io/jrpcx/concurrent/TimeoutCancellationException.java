package io.jrpcx.concurrent;

import org.jspecify.annotations.Nullable;

/**
 * Thrown out of a timeout block (of either kind) when an <em>enclosing</em> timeout block's deadline
 * passed while it ran. The enclosing block that expired turns it into its own outcome: a
 * {@link TaskTimeoutException}, or its timeout result for the ignore kind.
 *
 * <pre>{@code
 * Timeouts.timeoutAfter(Duration.ofSeconds(1), () -> {
 *     try {
 *         return Timeouts.timeoutAfter(Duration.ofSeconds(10), () -> queue.take());
 *     } catch (TimeoutCancellationException e) {
 *         cleanUp();       // the outer second is over; the outer block throws TaskTimeoutException
 *         throw e;
 *     }
 * });
 * }</pre>
 */
public final class TimeoutCancellationException extends ConcurrencyException {
    private static final long serialVersionUID = 1L;

    /** The time limit of the enclosing block whose deadline passed, in seconds. */
    private final double seconds;

    /**
     * Creates the exception for a block cancelled by an enclosing timeout.
     *
     * @param seconds the enclosing block's time limit, in seconds
     * @param cause the exception the block was interrupted with, or {@code null}
     */
    public TimeoutCancellationException(double seconds, @Nullable Throwable cause) {
        super("cancelled by an enclosing timeout of " + TaskTimeoutException.format(seconds) + "s", cause);
        this.seconds = seconds;
    }

    /** {@return the time limit, in seconds, of the enclosing block whose deadline passed} */
    public double seconds() {
        return seconds;
    }
}
