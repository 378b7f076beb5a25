package io.jrpcx.concurrent;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Time limits for blocking code, with curio's semantics: {@code timeoutAfter}/{@code timeoutAt} throw
 * {@link TaskTimeoutException} when the deadline passes, {@code ignoreAfter}/{@code ignoreAt} return a
 * given result instead. The deadline interrupts the thread running the block, so it works for any code
 * that responds to interruption: sleeps, {@code lockInterruptibly} and condition waits, blocking queues,
 * semaphores, {@link Task#join()}, {@link TaskGroup#join()}, and socket I/O on virtual threads (which
 * closes the socket). The interrupt the deadline caused never leaks out of the block.
 *
 * <p>Nested blocks follow curio: the inner block whose deadline passes throws its own timeout; when an
 * enclosing deadline passes, the blocks inside it throw {@link TimeoutCancellationException} and the
 * enclosing block turns that into its own outcome; a {@link TaskTimeoutException} that escapes from an
 * inner block into an enclosing one that has not expired becomes an {@link UncaughtTimeoutException}.
 * The block has timed out if its deadline passed before it finished, whatever the block then did.
 *
 * <p>Each method comes in a callable form, which runs a block and applies all the rules, and a block form
 * returning an open {@link TimeoutScope} for try-with-resources.
 *
 * <pre>{@code
 * String reply = Timeouts.timeoutAfter(Duration.ofSeconds(5), () -> replies.take());
 * String maybe = Timeouts.ignoreAfter(Duration.ofMillis(100), "none", () -> replies.take());
 *
 * Deadline deadline = Deadline.after(Duration.ofSeconds(30));
 * Timeouts.timeoutAt(deadline, () -> { connect(); return handshake(); });
 * }</pre>
 */
public final class Timeouts {
    private Timeouts() {}

    // ---------------------------------------------------------------- callable forms

    /**
     * Runs {@code body}, throwing {@link TaskTimeoutException} if it has not finished within
     * {@code timeout}.
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param timeout the time limit; zero or negative means the deadline has already passed
     * @param body the code to run on the calling thread
     * @return what {@code body} returned
     * @throws X when the body throws it
     */
    public static <T extends @Nullable Object, X extends Exception> T timeoutAfter(
            Duration timeout, CheckedCallable<? extends T, X> body) throws X {
        return call(Objects.requireNonNull(body, "body"), timeoutAfter(timeout), null);
    }

    /**
     * Runs {@code body}, throwing {@link TaskTimeoutException} if it has not finished by {@code deadline}.
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param deadline when the body's time runs out
     * @param body the code to run on the calling thread
     * @return what {@code body} returned
     * @throws X when the body throws it
     */
    public static <T extends @Nullable Object, X extends Exception> T timeoutAt(
            Deadline deadline, CheckedCallable<? extends T, X> body) throws X {
        return call(Objects.requireNonNull(body, "body"), timeoutAt(deadline), null);
    }

    /**
     * Runs {@code body}, returning {@code null} if it has not finished within {@code timeout}.
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param timeout the time limit; zero or negative means the deadline has already passed
     * @param body the code to run on the calling thread
     * @return what {@code body} returned, or {@code null} if it ran out of time
     * @throws X when the body throws it
     */
    public static <T extends @Nullable Object, X extends Exception> @Nullable T ignoreAfter(
            Duration timeout, CheckedCallable<? extends T, X> body) throws X {
        return call(Objects.requireNonNull(body, "body"), ignoreAfter(timeout), null);
    }

    /**
     * Runs {@code body}, returning {@code timeoutResult} if it has not finished within {@code timeout}.
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param timeout the time limit; zero or negative means the deadline has already passed
     * @param timeoutResult the value to return when the body runs out of time
     * @param body the code to run on the calling thread
     * @return what {@code body} returned, or {@code timeoutResult} if it ran out of time
     * @throws X when the body throws it
     */
    public static <T extends @Nullable Object, X extends Exception> T ignoreAfter(
            Duration timeout, T timeoutResult, CheckedCallable<? extends T, X> body) throws X {
        return call(Objects.requireNonNull(body, "body"), ignoreAfter(timeout), timeoutResult);
    }

    /**
     * Runs {@code body}, returning {@code null} if it has not finished by {@code deadline}.
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param deadline when the body's time runs out
     * @param body the code to run on the calling thread
     * @return what {@code body} returned, or {@code null} if it ran out of time
     * @throws X when the body throws it
     */
    public static <T extends @Nullable Object, X extends Exception> @Nullable T ignoreAt(
            Deadline deadline, CheckedCallable<? extends T, X> body) throws X {
        return call(Objects.requireNonNull(body, "body"), ignoreAt(deadline), null);
    }

    /**
     * Runs {@code body}, returning {@code timeoutResult} if it has not finished by {@code deadline}.
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param deadline when the body's time runs out
     * @param timeoutResult the value to return when the body runs out of time
     * @param body the code to run on the calling thread
     * @return what {@code body} returned, or {@code timeoutResult} if it ran out of time
     * @throws X when the body throws it
     */
    public static <T extends @Nullable Object, X extends Exception> T ignoreAt(
            Deadline deadline, T timeoutResult, CheckedCallable<? extends T, X> body) throws X {
        return call(Objects.requireNonNull(body, "body"), ignoreAt(deadline), timeoutResult);
    }

    // ---------------------------------------------------------------- block forms

    /**
     * Opens a timeout-kind scope on the current thread whose deadline is {@code timeout} from now.
     *
     * @param timeout the time limit; zero or negative means the deadline has already passed
     * @return the open scope; close it (try-with-resources) when the block ends
     */
    public static TimeoutScope timeoutAfter(Duration timeout) {
        return open(false, timeout);
    }

    /**
     * Opens a timeout-kind scope on the current thread with the given deadline.
     *
     * @param deadline when the block's time runs out
     * @return the open scope; close it (try-with-resources) when the block ends
     */
    public static TimeoutScope timeoutAt(Deadline deadline) {
        return open(false, deadline);
    }

    /**
     * Opens an ignore-kind scope on the current thread whose deadline is {@code timeout} from now.
     *
     * @param timeout the time limit; zero or negative means the deadline has already passed
     * @return the open scope; close it (try-with-resources) when the block ends
     */
    public static TimeoutScope ignoreAfter(Duration timeout) {
        return open(true, timeout);
    }

    /**
     * Opens an ignore-kind scope on the current thread with the given deadline.
     *
     * @param deadline when the block's time runs out
     * @return the open scope; close it (try-with-resources) when the block ends
     */
    public static TimeoutScope ignoreAt(Deadline deadline) {
        return open(true, deadline);
    }

    private static TimeoutScope open(boolean ignore, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = Deadline.saturatedNanos(timeout);
        return TimeoutScope.open(ignore, System.nanoTime() + nanos, nanos / 1e9);
    }

    private static TimeoutScope open(boolean ignore, Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        long nanos = Math.max(0, deadline.nanoTime() - System.nanoTime());
        return TimeoutScope.open(ignore, deadline.nanoTime(), nanos / 1e9);
    }

    private static <T extends @Nullable Object, X extends Exception> T call(
            CheckedCallable<? extends T, X> body, TimeoutScope scope, T timeoutResult) throws X {
        T value;
        try {
            value = body.call();
        } catch (Throwable e) {
            TimeoutScope.Outcome outcome = scope.settle();
            if (outcome != TimeoutScope.Outcome.COMPLETED) {
                scope.throwIfTimedOut(outcome, e);
                return timeoutResult;
            }
            if (e instanceof TaskTimeoutException timeout) {
                throw new UncaughtTimeoutException(timeout);
            }
            throw e;
        }
        TimeoutScope.Outcome outcome = scope.settle();
        if (outcome != TimeoutScope.Outcome.COMPLETED) {
            scope.throwIfTimedOut(outcome, null);
            return timeoutResult;
        }
        return value;
    }
}
