package io.jrpcx.session;

import io.jrpcx.net.AddressGrouping;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A server's cost pools, one per address group that has sessions or cost left to decay. A pool outlives
 * its last session until its cost has decayed, so reconnecting does not buy a fresh budget.
 */
final class CostPools {
    private final AddressGrouping grouping;
    private final double decayPerSecond;
    private final ConcurrentHashMap<String, CostPool> pools = new ConcurrentHashMap<>();
    private volatile int sweepAt = 64;

    CostPools(AddressGrouping grouping, double decayPerSecond) {
        this.grouping = grouping;
        this.decayPerSecond = decayPerSecond;
    }

    /** Puts {@code session} in the pool of its peer's group, if it has one. */
    void join(Session session, @Nullable SocketAddress remote) {
        String key = grouping.groupOf(remote);
        if (key == null) {
            return;
        }
        if (pools.size() >= sweepAt) {
            sweep();
        }
        CostPool pool = pools.compute(key, (k, p) -> {
            CostPool joined = p == null ? new CostPool(k, decayPerSecond) : p;
            joined.join();
            return joined;
        });
        session.cost().usePool(pool);
    }

    /** Takes {@code session} out of its pool; the pool goes once it has no session and no cost. */
    void leave(Session session) {
        session.cost().pool().ifPresent(pool ->
                pools.computeIfPresent(pool.key(), (k, p) -> p.leaveAndIsIdle() ? null : p));
    }

    /** Forgets pools with no session whose cost has decayed to nothing. */
    private void sweep() {
        pools.values().removeIf(CostPool::isIdle);
        sweepAt = Math.max(64, pools.size() * 2);
    }

    List<CostPool> snapshot() {
        return List.copyOf(pools.values());
    }
}
