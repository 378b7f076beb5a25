package io.jrpcx.concurrent;

import java.time.Duration;

/**
 * A point on the monotonic clock ({@link System#nanoTime()}), for {@link Timeouts#timeoutAt} and
 * {@link Timeouts#ignoreAt}: one deadline can bound several steps of one operation. Immune to changes
 * of the wall clock.
 *
 * <pre>{@code
 * Deadline deadline = Deadline.after(Duration.ofSeconds(30));
 * Timeouts.timeoutAt(deadline, () -> connect());
 * Timeouts.timeoutAt(deadline, () -> handshake());
 * }</pre>
 *
 * @param nanoTime the {@link System#nanoTime()} value at which the deadline passes
 */
public record Deadline(long nanoTime) {

    /**
     * {@return the deadline {@code duration} from now; a negative duration gives a deadline already passed}
     *
     * @param duration how long from now; saturates instead of overflowing for very long durations
     */
    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + saturatedNanos(duration));
    }

    /** {@return the time left until the deadline, negative once it has passed} */
    public Duration remaining() {
        return Duration.ofNanos(nanoTime - System.nanoTime());
    }

    /** {@return whether the deadline has passed} */
    public boolean isExpired() {
        return nanoTime - System.nanoTime() <= 0;
    }

    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }
}
