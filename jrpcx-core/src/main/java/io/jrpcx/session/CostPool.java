package io.jrpcx.session;

/**
 * A cost shared by the sessions of one address group (an IPv4 /24 or IPv6 /48 by default), so that
 * opening many connections does not buy many budgets. It decays as one session's cost does, once for
 * the whole group. Servers make and share them; see {@link ServerBuilder#costPools}.
 *
 * <pre>{@code
 * CostPool pool = session.cost().pool().orElseThrow();
 * System.out.println(pool.key() + " costs " + pool.value() + " over " + pool.sessions() + " sessions");
 * }</pre>
 */
public final class CostPool {
    private final String key;
    private final double decayPerSecond;
    private double cost;
    private long updatedAt = System.nanoTime();
    private int sessions;

    CostPool(String key, double decayPerSecond) {
        this.key = key;
        this.decayPerSecond = decayPerSecond;
    }

    /** {@return the address group, such as {@code 203.0.113.0/24}} */
    public String key() {
        return key;
    }

    /** {@return the group's cost now} */
    public synchronized double value() {
        return add(0, System.nanoTime());
    }

    /** {@return the sessions open in the group} */
    public synchronized int sessions() {
        return sessions;
    }

    /** Adds {@code delta}, decays the cost to {@code now} and returns it. */
    synchronized double add(double delta, long now) {
        double elapsed = Math.max(0, now - updatedAt) / 1e9;
        updatedAt = now;
        cost = Math.max(0, Math.max(0, cost - elapsed * decayPerSecond) + delta);
        return cost;
    }

    synchronized void join() {
        sessions++;
    }

    /** True when the pool can be forgotten: no session and nothing left to decay. */
    synchronized boolean leaveAndIsIdle() {
        sessions--;
        return isIdle();
    }

    synchronized boolean isIdle() {
        return sessions == 0 && add(0, System.nanoTime()) == 0;
    }
}
