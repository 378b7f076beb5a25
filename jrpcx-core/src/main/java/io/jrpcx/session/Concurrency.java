package io.jrpcx.session;

/**
 * A retargetable limit on how many things run at once, as aiorpcX's {@code Concurrency}: its target can
 * be lowered and raised while work runs; lowering it never stops what runs, and the number running
 * settles to the new target as work finishes. A session admits incoming requests to their handlers
 * through one.
 *
 * <pre>{@code
 * Concurrency c = session.incomingConcurrency();
 * c.setTarget(5);     // at most 5 handlers from now on, as the running ones finish
 * c.running();        // how many run now
 * }</pre>
 */
public final class Concurrency {
    private final Runnable onRaised;
    private int target;
    private int running;

    Concurrency(int target, Runnable onRaised) {
        this.target = checked(target);
        this.onRaised = onRaised;
    }

    private static int checked(int target) {
        if (target < 0) {
            throw new IllegalArgumentException("target must not be negative: " + target);
        }
        return target;
    }

    /** {@return the most that may run at once} */
    public synchronized int target() {
        return target;
    }

    /** {@return how many run now; above the target for a while after it is lowered} */
    public synchronized int running() {
        return running;
    }

    /**
     * Sets the target; raising it lets waiting work start at once.
     *
     * @param newTarget how many may run at once, zero or more
     */
    public void setTarget(int newTarget) {
        boolean raised;
        synchronized (this) {
            raised = checked(newTarget) > target;
            target = newTarget;
        }
        if (raised) {
            onRaised.run();
        }
    }

    /** Takes a slot if one is free. */
    synchronized boolean tryAcquire() {
        if (running < target) {
            running++;
            return true;
        }
        return false;
    }

    /** Gives a slot back. */
    synchronized void release() {
        running--;
    }
}
