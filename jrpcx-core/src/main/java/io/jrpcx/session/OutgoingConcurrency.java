package io.jrpcx.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many blocking requests a session has out at once, adapting to a target response time as aiorpcX's
 * {@code RPCSession} does: it starts at 50; every 30 answers the mean response time is compared with the
 * target and the limit moves towards {@code limit × target / mean}, rising by at most max(3, 10%) up to
 * 250 and falling by at least 1 (at most 20%) down to 1. Waiting callers are served in arrival order.
 * Sums instead of lists: O(1), nothing allocated per request.
 */
final class OutgoingConcurrency {
    static final int INITIAL = 50;
    static final int CAP = 250;
    static final int RECALIBRATE_COUNT = 30;

    private final double targetSeconds;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int limit = INITIAL;
    private int inFlight;
    private double timesSum;
    private int timesCount;

    OutgoingConcurrency(double targetSeconds) {
        this.targetSeconds = targetSeconds;
    }

    /** Waits at most {@code timeoutNanos} for a slot; false when none came in time. */
    boolean acquire(long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = timeoutNanos;
            while (inFlight >= limit) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = freed.awaitNanos(remaining);
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back after {@code requests} requests (a batch counts each) took {@code tookNanos}. */
    void release(long tookNanos, int requests) {
        lock.lock();
        try {
            inFlight--;
            timesSum += Math.max(0, tookNanos) / 1e9;
            timesCount += Math.max(1, requests);
            if (timesCount >= RECALIBRATE_COUNT) {
                recalibrate();
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void recalibrate() {
        double mean = timesSum / timesCount;
        timesSum = 0;
        timesCount = 0;
        double current = limit;
        double cap = Math.min(current + Math.max(3, current * 0.1), CAP);
        double floor = Math.max(1, Math.min(current * 0.8, current - 1));
        double next = mean == 0 ? cap : Math.max(floor, Math.min(cap, current * targetSeconds / mean));
        limit = (int) (0.5 + next);
    }

    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    static long toNanos(java.time.Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
