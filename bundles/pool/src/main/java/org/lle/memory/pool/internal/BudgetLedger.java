package org.lle.memory.pool.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.lle.memory.pool.PoolConfig;

/**
 * Bytes of size classes held per type and in total: open blocks plus free blocks sitting in thread caches.
 * Counting cached blocks as held is what lets a cache hit skip this shared state entirely; only a cache miss
 * (slot from a shared pool) or an overflow (slot back to a shared pool) changes it. Survives
 * reconfiguration, so blocks of a retired generation keep counting until closed.
 */
final class BudgetLedger {
    static final int GRANTED = 0;
    static final int OVER_TYPE_BUDGET = 1;
    static final int OVER_TOTAL_BUDGET = 2;

    private final AtomicLongArray held = new AtomicLongArray(Generation.TYPES.length);
    private final AtomicLong totalHeld = new AtomicLong();
    private volatile long[] typeLimits;
    private volatile long totalLimit;

    BudgetLedger(PoolConfig config) {
        setLimits(config);
    }

    void setLimits(PoolConfig config) {
        long[] limits = new long[Generation.TYPES.length];
        for (int t = 0; t < limits.length; t++) {
            limits[t] = config.type(Generation.TYPES[t]).budgetBytes();
        }
        typeLimits = limits;
        totalLimit = config.totalBudgetBytes();
    }

    /** @return {@link #GRANTED}, or which budget refused */
    int tryReserve(int typeIndex, long bytes) {
        long limit = typeLimits[typeIndex];
        long now;
        do {
            now = held.get(typeIndex);
            if (now + bytes > limit) {
                return OVER_TYPE_BUDGET;
            }
        } while (!held.compareAndSet(typeIndex, now, now + bytes));
        long total;
        long max = totalLimit;
        do {
            total = totalHeld.get();
            if (total + bytes > max) {
                held.addAndGet(typeIndex, -bytes);
                return OVER_TOTAL_BUDGET;
            }
        } while (!totalHeld.compareAndSet(total, total + bytes));
        return GRANTED;
    }

    void release(int typeIndex, long bytes) {
        held.addAndGet(typeIndex, -bytes);
        totalHeld.addAndGet(-bytes);
    }

    long held(int typeIndex) {
        return held.get(typeIndex);
    }

    long totalHeld() {
        return totalHeld.get();
    }

    long typeLimit(int typeIndex) {
        return typeLimits[typeIndex];
    }

    long totalLimit() {
        return totalLimit;
    }
}
