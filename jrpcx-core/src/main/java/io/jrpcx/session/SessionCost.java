package io.jrpcx.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a session has cost its server, as aiorpcX accounts it: every byte received and sent, a base cost
 * per error plus the error's own (a message that is not JSON costs ten times the base), whatever the
 * application adds with {@link #bump}, less a steady decay per second. Time is the monotonic clock.
 * Beyond aiorpcX, the I/O-thread time of each message of 8 KB or more is charged
 * ({@link SessionOptions#costPerIoSecond()}): a deeply nested or key-flooded megabyte costs what its
 * parsing costs, not what its bytes do.
 *
 * <p>Between the soft and the hard limit the session is throttled: each incoming request first waits a
 * delay growing from 0 to {@link SessionOptions#costSleep()}, and the incoming concurrency target
 * shrinks from its base ({@link SessionOptions#maxConcurrent()}) towards 1. At the hard limit the next
 * request is answered -101 {@code excessive resource usage}, {@link SessionListener#costExceeded} is
 * told, and the session closes. A hard limit of 0, or one not above the soft limit, turns throttling off
 * (client sessions have none by default). When the session belongs to a {@link CostPool}, the pool's
 * cost decides instead of its own.
 *
 * <p>Bytes are counted with one atomic add per message and folded into the cost once they amount to
 * {@value #SETTLE_COST} (or on an error, a bump, or a throttled request), so the accounting costs the
 * hot path nothing else.
 *
 * <pre>{@code
 * SessionCost cost = session.cost();
 * cost.setLimits(5_000, 20_000);             // while the session runs
 * cost.setExtraCost(() -> subscriptions.size() * 10.0);
 * cost.bump(250);                            // an expensive request
 * System.out.println(cost.value() + " throttled " + cost.throttle());
 * }</pre>
 */
public final class SessionCost {
    /** How far the cost may drift before throttling is recalculated, as aiorpcX's 100. */
    static final double SETTLE_COST = 100;
    /** Messages at least this large have the I/O-thread time of their handling charged. */
    static final int TIMED_MESSAGE_BYTES = 8 * 1024;

    private final Concurrency concurrency;
    private volatile @Nullable CostPool pool;
    private final AtomicLong unsettledBytes = new AtomicLong();
    private volatile long settleBytes;
    private final double costPerByte;
    private final double errorCost;
    private final double costPerIoSecond;

    // changeable while the session runs; guarded by `this`
    private double softLimit;
    private double hardLimit;
    private double decayPerSecond;
    private long sleepNanos;
    private int baseConcurrency;
    private DoubleSupplier extraCost = () -> 0;

    private double cost;
    private double effective;
    private long settledAt = System.nanoTime();
    private volatile double fraction;
    private volatile boolean excessive;

    SessionCost(SessionOptions options, Concurrency concurrency) {
        this.concurrency = concurrency;
        this.costPerByte = options.costPerByte();
        this.errorCost = options.errorCost();
        this.costPerIoSecond = options.costPerIoSecond();
        this.settleBytes = costPerByte <= 0 ? Long.MAX_VALUE : Math.max(1, (long) (SETTLE_COST / costPerByte));
        this.softLimit = options.costSoftLimit();
        this.hardLimit = options.costHardLimit(false);
        this.decayPerSecond = options.costDecayPerSecond();
        this.sleepNanos = options.costSleep().toNanos();
        this.baseConcurrency = options.maxConcurrent();
    }

    /** {@return the cost now, after decay (the session's own, even when it shares a pool)} */
    public synchronized double value() {
        settle(0, System.nanoTime());
        return cost;
    }

    /**
     * {@return the cost that decides throttling: the pool's when the session has one, else its own, plus the
     * extra cost}
     */
    public synchronized double effectiveValue() {
        settle(0, System.nanoTime());
        return effective;
    }

    /** {@return the pool the session's cost is shared with, if any} */
    public Optional<CostPool> pool() {
        return Optional.ofNullable(pool);
    }

    /** {@return how throttled the session is, from 0 (not at all) to 1 (at the hard limit)} */
    public double throttle() {
        return fraction;
    }

    /** {@return true once the cost has reached the hard limit} */
    public boolean isExcessive() {
        return excessive;
    }

    /** {@return the cost above which requests are delayed} */
    public synchronized double softLimit() {
        return softLimit;
    }

    /** {@return the cost at which the session is closed; 0 when throttling is off} */
    public synchronized double hardLimit() {
        return hardLimit;
    }

    /**
     * Changes the limits while the session runs; a hard limit of 0 turns throttling off.
     *
     * @param soft the cost above which requests are delayed, zero or more
     * @param hard the cost at which the session is closed, or 0 for no throttling
     */
    public void setLimits(double soft, double hard) {
        if (soft < 0 || hard < 0) {
            throw new IllegalArgumentException("cost limits must not be negative: " + soft + ", " + hard);
        }
        synchronized (this) {
            softLimit = soft;
            hardLimit = hard;
            settle(0, System.nanoTime());
        }
    }

    /**
     * Changes how much the cost decays each second.
     *
     * @param perSecond the cost taken off each second, zero or more
     */
    public void setDecayPerSecond(double perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("decay must not be negative: " + perSecond);
        }
        synchronized (this) {
            settle(0, System.nanoTime());
            decayPerSecond = perSecond;
        }
    }

    /**
     * Changes the longest delay a throttled request waits.
     *
     * @param sleep the longest delay
     */
    public void setSleep(Duration sleep) {
        synchronized (this) {
            sleepNanos = Math.max(0, sleep.toNanos());
        }
    }

    /**
     * Changes the incoming concurrency target of an unthrottled session (aiorpcX's {@code initial_concurrent}).
     *
     * @param target how many incoming requests may run at once, at least 1
     */
    public void setConcurrencyTarget(int target) {
        if (target < 1) {
            throw new IllegalArgumentException("concurrency target must be at least 1: " + target);
        }
        synchronized (this) {
            baseConcurrency = target;
            settle(0, System.nanoTime());
        }
    }

    /**
     * Adds a dynamic cost (which may be negative) whenever throttling is decided, as aiorpcX's
     * {@code extra_cost()}. Called under the cost's lock: it must be quick.
     *
     * @param extra gives the extra cost each time throttling is decided
     */
    public synchronized void setExtraCost(DoubleSupplier extra) {
        this.extraCost = extra;
        settle(0, System.nanoTime());
    }

    /**
     * Adds {@code delta} (which may be negative) to the cost and decides throttling again.
     *
     * @param delta the cost to add
     */
    public synchronized void bump(double delta) {
        settle(delta, System.nanoTime());
    }

    /** The delay the next incoming request waits, in nanoseconds: 0 unless throttled. */
    long delayNanos() {
        double f = fraction;
        if (f <= 0) {
            return 0;
        }
        synchronized (this) {
            settle(0, System.nanoTime());   // decay may have lifted the throttle meanwhile
            return (long) (Math.min(1, fraction) * sleepNanos);
        }
    }

    /** Counts a message's bytes; O(1), no allocation. */
    void bytes(int n) {
        if (unsettledBytes.addAndGet(n) >= settleBytes) {
            synchronized (this) {
                settle(0, System.nanoTime());
            }
        }
    }

    /** Charges the I/O-thread time a large message took to read and, for inline methods, to answer. */
    void ioTime(long nanos) {
        if (costPerIoSecond > 0 && nanos > 0) {
            synchronized (this) {
                settle(nanos / 1e9 * costPerIoSecond, System.nanoTime());
            }
        }
    }

    /** Counts an error: the base cost plus {@code ownCost}. */
    synchronized void error(double ownCost) {
        settle(errorCost + ownCost, System.nanoTime());
    }

    double errorCost() {
        return errorCost;
    }

    /** Seconds until decay brings the cost under the soft limit. */
    synchronized double retryAfterSeconds() {
        settle(0, System.nanoTime());
        if (effective <= softLimit || decayPerSecond <= 0) {
            return 0;
        }
        return (effective - softLimit) / decayPerSecond;
    }

    /** Makes this a client session's cost: no hard limit unless the options set one. */
    synchronized void forClient(SessionOptions options) {
        hardLimit = options.costHardLimit(true);
    }

    /** Shares the cost with {@code shared} from now on; called before the session sees any traffic. */
    void usePool(CostPool shared) {
        pool = shared;
        // the pool moves with every session of the group: settle a hundred times as often to follow it
        settleBytes = Math.max(1, settleBytes / 100);
        synchronized (this) {
            settle(0, System.nanoTime());
        }
    }

    /** Folds in the counted bytes and {@code delta}, applies the decay and decides throttling. */
    private void settle(double delta, long now) {
        double added = unsettledBytes.getAndSet(0) * costPerByte + delta;
        double elapsed = Math.max(0, now - settledAt) / 1e9;
        settledAt = now;
        // decay first, then add: what was just added has not had time to decay
        cost = Math.max(0, Math.max(0, cost - elapsed * decayPerSecond) + added);
        CostPool p = pool;
        double base = p == null ? cost : p.add(added, now);
        double range = hardLimit - softLimit;
        if (range <= 0) {
            effective = base;
            fraction = 0;
            excessive = false;
            concurrency.setTarget(baseConcurrency);
            return;
        }
        effective = base + extraCost.getAsDouble();
        double f = Math.max(0, (effective - softLimit) / range);
        fraction = f;
        excessive = f >= 1;
        // aiorpcX lets the target reach 0 and fails the next request; here the target stays at least 1 and the
        // request that gets the slot is answered -101, which is the same to the peer
        concurrency.setTarget(Math.max(1, (int) Math.ceil((1 - Math.min(1, f)) * baseConcurrency)));
    }

    @Override
    public synchronized String toString() {
        return String.format("cost %.1f (soft %.0f, hard %.0f)", cost, softLimit, hardLimit);
    }
}
