package io.jrpcx.concurrent;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Thrown out of a {@link Timeouts#timeoutAfter timeout block} whose own deadline passed before the
 * block finished. It carries the block's time limit in seconds. If it escapes into an enclosing timeout
 * block whose deadline did not pass, that block turns it into an {@link UncaughtTimeoutException}.
 *
 * <pre>{@code
 * try {
 *     Timeouts.timeoutAfter(Duration.ofMillis(500), () -> socket.getInputStream().read());
 * } catch (TaskTimeoutException e) {
 *     System.out.println("no reply within " + e.seconds() + "s");
 * }
 * }</pre>
 */
public final class TaskTimeoutException extends ConcurrencyException {
    private static final long serialVersionUID = 1L;

    /** The time limit of the block that timed out, in seconds. */
    private final double seconds;

    /**
     * Creates the exception for a block whose time limit passed.
     *
     * @param seconds the block's time limit, in seconds
     */
    public TaskTimeoutException(double seconds) {
        this(seconds, null);
    }

    /**
     * Creates the exception for a block whose time limit passed.
     *
     * @param seconds the block's time limit, in seconds
     * @param cause the exception the block was interrupted with, or {@code null}
     */
    public TaskTimeoutException(double seconds, @Nullable Throwable cause) {
        super("task timed out after " + format(seconds) + "s", cause);
        this.seconds = seconds;
    }

    /** {@return the time limit of the block that timed out, in seconds} */
    public double seconds() {
        return seconds;
    }

    /** Formats seconds without trailing zeros: {@code 0.02}, {@code 1}, {@code 2.5}. */
    static String format(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return Double.toString(seconds);
        }
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }
}
