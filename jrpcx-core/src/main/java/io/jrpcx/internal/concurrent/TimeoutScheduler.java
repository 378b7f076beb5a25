package io.jrpcx.internal.concurrent;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared timer behind every jrpcx timeout: one daemon platform thread that runs deadline actions
 * (which only mark a scope expired and interrupt its thread, so they never block). Cancelled timers are
 * removed at once, so millions of short timeouts that never fire leave nothing behind.
 *
 * <pre>{@code
 * ScheduledFuture<?> timer = TimeoutScheduler.schedule(() -> owner.interrupt(), 5_000_000_000L);
 * timer.cancel(false);
 * }</pre>
 */
public final class TimeoutScheduler {
    private static final ScheduledThreadPoolExecutor EXECUTOR = newExecutor();

    private TimeoutScheduler() {}

    private static ScheduledThreadPoolExecutor newExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, body -> {
            Thread thread = new Thread(body, "jrpcx-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Runs {@code action} on the timer thread after {@code delayNanos}; it must be short and non-blocking. */
    public static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
        return EXECUTOR.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** The number of timers scheduled and not yet fired or cancelled (for tests and metrics). */
    public static int pending() {
        return EXECUTOR.getQueue().size();
    }
}
