package io.jrpcx.internal.concurrent;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The timer wheel for per-call time limits: arming and cancelling a timer is O(1) and takes no lock
 * (Netty's {@link HashedWheelTimer}, one daemon thread, 10 ms ticks), so a timer per request costs
 * little. Actions run on the wheel's thread and must be short.
 *
 * <pre>{@code
 * Timeout t = Timers.schedule(() -> future.completeExceptionally(new TimeoutException()), nanos);
 * future.whenComplete((v, e) -> t.cancel());
 * }</pre>
 */
public final class Timers {
    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
            r -> {
                Thread t = new Thread(r, "jrpcx-timer-wheel");
                t.setDaemon(true);
                return t;
            }, 10, TimeUnit.MILLISECONDS, 1024);

    private Timers() {
    }

    /** Runs {@code action} after {@code delayNanos}; the returned handle cancels it. */
    public static Timeout schedule(Runnable action, long delayNanos) {
        return WHEEL.newTimeout(t -> action.run(), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
}
