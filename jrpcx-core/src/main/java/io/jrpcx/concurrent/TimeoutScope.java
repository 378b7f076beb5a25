package io.jrpcx.concurrent;

import io.jrpcx.internal.concurrent.TimeoutScheduler;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An open timeout block: the block form of {@link Timeouts}. When its deadline passes before it is
 * closed, the thread that opened it is interrupted, so whatever it is blocked in (a sleep, a lock, a
 * queue, socket I/O on a virtual thread) throws. Closing the scope clears the interrupt the deadline
 * caused (an interrupt the thread had on entry, or a cancellation of the task it runs, is kept) and
 * settles the outcome, by curio's rules:
 * <ul>
 *   <li>an enclosing scope's deadline passed: {@link TimeoutCancellationException};</li>
 *   <li>else this scope's deadline passed: {@link TaskTimeoutException} for the timeout kind, and
 *       nothing for the ignore kind ({@link #expired()} tells);</li>
 *   <li>else a {@link TaskTimeoutException} escaping from a nested scope is turned into an
 *       {@link UncaughtTimeoutException}.</li>
 * </ul>
 * Java does not show {@link #close()} the exception its try block throws, so pass that exception to
 * {@link #handle(Throwable)} in a {@code catch}; {@code handle} applies the rules to it (the callable
 * forms of {@link Timeouts} do all of this for you). Scopes belong to one thread and are closed innermost
 * first.
 *
 * <pre>{@code
 * TimeoutScope scope = Timeouts.ignoreAfter(Duration.ofSeconds(1));
 * try (scope) {
 *     reply = queue.take();
 * } catch (InterruptedException e) {
 *     scope.handle(e);          // returns if the second passed, else rethrows
 * }
 * if (scope.expired()) {
 *     reply = "no reply";
 * }
 * }</pre>
 */
public final class TimeoutScope implements AutoCloseable {
    private static final ThreadLocal<@Nullable TimeoutScope> INNERMOST = new ThreadLocal<>();
    private static final int ACTIVE = 0;
    private static final int FIRING = 1;
    private static final int FIRED = 2;
    private static final int CLOSED = 3;

    /** How a scope ended. */
    enum Outcome { COMPLETED, EXPIRED, CANCELLED_BY_OUTER }

    private final boolean ignore;
    private final double seconds;
    private final Thread owner;
    private final @Nullable TimeoutScope parent;
    private final boolean interruptedOnEntry;
    private final AtomicInteger state = new AtomicInteger(ACTIVE);
    private io.netty.util.@Nullable Timeout timer;
    private @Nullable Outcome outcome;
    private double outerSeconds;

    private TimeoutScope(boolean ignore, double seconds, Thread owner, @Nullable TimeoutScope parent) {
        this.ignore = ignore;
        this.seconds = seconds;
        this.owner = owner;
        this.parent = parent;
        this.interruptedOnEntry = owner.isInterrupted();
    }

    /** Opens a scope on the current thread whose deadline is {@code deadlineNanoTime}. */
    static TimeoutScope open(boolean ignore, long deadlineNanoTime, double seconds) {
        Thread owner = Thread.currentThread();
        TimeoutScope scope = new TimeoutScope(ignore, seconds, owner, INNERMOST.get());
        INNERMOST.set(scope);
        long delay = deadlineNanoTime - System.nanoTime();
        if (delay <= 0) {
            scope.fire();
        } else {
            scope.timer = TimeoutScheduler.schedule(scope::fire, delay);
        }
        return scope;
    }

    private void fire() {
        if (state.compareAndSet(ACTIVE, FIRING)) {
            owner.interrupt();
            state.set(FIRED);
        }
    }

    /** Whether the deadline passed (and interrupted the thread), waiting out a firing in progress. */
    private boolean fired() {
        int s;
        while ((s = state.get()) == FIRING) {
            Thread.onSpinWait();
        }
        return s == FIRED;
    }

    /** {@return whether this scope's own deadline passed before it was closed (so far, if still open)} */
    public boolean expired() {
        return fired();
    }

    /** {@return the scope's time limit in seconds, as a {@link TaskTimeoutException} reports it} */
    public double seconds() {
        return seconds;
    }

    /** {@return whether this is the ignore kind, which does not throw when its own deadline passes} */
    public boolean ignoresExpiry() {
        return ignore;
    }

    /**
     * Closes the scope and applies the rules to a block that did not throw: throws
     * {@link TimeoutCancellationException} if an enclosing deadline passed, or
     * {@link TaskTimeoutException} if this timeout-kind scope's deadline passed. Closing again does
     * nothing.
     *
     * @throws IllegalStateException if called by another thread or before a scope opened inside it is
     *     closed
     */
    @Override
    public void close() {
        if (outcome != null) {
            return;
        }
        throwIfTimedOut(settle(), null);
    }

    /**
     * Applies the rules to {@code thrown}, the exception the scope's block threw, closing the scope first
     * if needed. Returns normally only when this is the ignore kind and its own deadline passed;
     * otherwise it throws the timeout exception the rules give (with {@code thrown} as cause), or
     * {@code thrown} itself.
     *
     * @param <X> the type of {@code thrown}
     * @param thrown the exception the scope's block threw, typically an {@link InterruptedException}
     * @throws X {@code thrown} itself, when the rules do not turn it into a timeout exception
     */
    public <X extends Throwable> void handle(X thrown) throws X {
        Objects.requireNonNull(thrown, "thrown");
        Outcome o = settle();
        if (o != Outcome.COMPLETED) {
            throwIfTimedOut(o, thrown);
            return;
        }
        if (thrown instanceof TaskTimeoutException timeout) {
            throw new UncaughtTimeoutException(timeout);
        }
        throw thrown;
    }

    /** Throws what a timed-out outcome gives; returns for the ignore kind's own expiry or completion. */
    void throwIfTimedOut(Outcome o, @Nullable Throwable cause) {
        if (o == Outcome.CANCELLED_BY_OUTER) {
            throw new TimeoutCancellationException(outerSeconds, cause);
        }
        if (o == Outcome.EXPIRED && !ignore) {
            throw new TaskTimeoutException(seconds, cause);
        }
    }

    /** Closes the scope once and returns its outcome; later calls return the same outcome. */
    Outcome settle() {
        Outcome o = outcome;
        if (o != null) {
            return o;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a timeout scope must be closed by the thread that opened it");
        }
        if (INNERMOST.get() != this) {
            throw new IllegalStateException("timeout scopes must be closed innermost first");
        }
        if (parent == null) {
            INNERMOST.remove();
        } else {
            INNERMOST.set(parent);
        }
        boolean fired = !state.compareAndSet(ACTIVE, CLOSED) && fired();
        io.netty.util.Timeout t = timer;
        if (t != null) {
            t.cancel();
            timer = null;
        }
        TimeoutScope outer = outermostFiredAncestor();
        if (fired || outer != null) {
            Thread.interrupted();                       // the interrupt a deadline delivered
            if (outer == null) {
                outer = outermostFiredAncestor();       // one that fired while we cleared it
            }
            if (interruptedOnEntry || TaskImpl.currentCancelRequested()) {
                owner.interrupt();                      // never swallow the thread's own interrupt
            }
        }
        if (outer != null) {
            outerSeconds = outer.seconds;
            o = Outcome.CANCELLED_BY_OUTER;
        } else {
            o = fired ? Outcome.EXPIRED : Outcome.COMPLETED;
        }
        outcome = o;
        return o;
    }

    private @Nullable TimeoutScope outermostFiredAncestor() {
        TimeoutScope found = null;
        for (TimeoutScope s = parent; s != null; s = s.parent) {
            if (s.fired()) {
                found = s;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "TimeoutScope[" + (ignore ? "ignore" : "timeout") + " " + TaskTimeoutException.format(seconds)
                + "s" + (expired() ? ", expired]" : "]");
    }
}
