package io.jrpcx.internal.concurrent;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The timer behind every jrpcx time limit (timeouts of blocks and handlers, sent requests, forced
 * closes): one hashed timer wheel with a daemon thread, so arming and cancelling a timer is O(1) and
 * takes no lock, and a million timers that never fire cost nothing once cancelled. Actions run on the
 * wheel's thread and must be short and non-blocking (they mark a scope expired and interrupt a thread,
 * or complete a future). Deadlines are kept to within one tick, {@value #TICK_MILLIS} ms.
 *
 * <pre>{@code
 * Timeout timer = TimeoutScheduler.schedule(() -> owner.interrupt(), 5_000_000_000L);
 * timer.cancel();
 * }</pre>
 */
public final class TimeoutScheduler {
    static final int TICK_MILLIS = 2;

    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(body -> {
        Thread thread = new Thread(body, "jrpcx-timeouts");
        thread.setDaemon(true);
        return thread;
    }, TICK_MILLIS, TimeUnit.MILLISECONDS, 2048);

    private TimeoutScheduler() {}

    /** Runs {@code action} on the timer thread after {@code delayNanos}; it must be short and non-blocking. */
    public static Timeout schedule(Runnable action, long delayNanos) {
        return WHEEL.newTimeout(t -> action.run(), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * The number of timers armed and not yet fired or cancelled (for tests and metrics); a cancelled
     * timer leaves the count at the wheel's next tick.
     */
    public static long pending() {
        return WHEEL.pendingTimeouts();
    }
}
