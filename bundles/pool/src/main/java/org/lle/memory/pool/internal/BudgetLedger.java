package org.lle.memory.pool.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.lle.memory.pool.PoolConfig;

/**
 * Bytes of size classes held per type and in total: open blocks plus free blocks sitting in thread caches.
 * Counting cached blocks as held is what lets a cache hit skip this shared state entirely; only a cache miss
 * (a batch from a shared pool) or an overflow (a batch back to a shared pool) changes it. Survives
 * reconfiguration, so blocks of a retired generation keep counting until closed.
 */
final class BudgetLedger {
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

    /**
     * Reserves as many blocks of {@code blockSize} as both budgets allow, up to {@code wanted}.
     *
     * @return how many were reserved; 0 when not even one fits ({@link #shortOf} then says which budget)
     */
    int reserveUpTo(int typeIndex, int blockSize, int wanted) {
        long limit = typeLimits[typeIndex];
        long now;
        int n;
        do {
            now = held.get(typeIndex);
            n = (int) Math.min(wanted, Math.max(0, (limit - now) / blockSize));
            if (n == 0) {
                return 0;
            }
        } while (!held.compareAndSet(typeIndex, now, now + (long) n * blockSize));
        long max = totalLimit;
        long total;
        int m;
        do {
            total = totalHeld.get();
            m = (int) Math.min(n, Math.max(0, (max - total) / blockSize));
            if (m == 0) {
                break;
            }
        } while (!totalHeld.compareAndSet(total, total + (long) m * blockSize));
        if (m < n) {
            held.addAndGet(typeIndex, -(long) (n - m) * blockSize);
        }
        return m;
    }

    void release(int typeIndex, long bytes) {
        held.addAndGet(typeIndex, -bytes);
        totalHeld.addAndGet(-bytes);
    }

    /** @return the budget one more block of {@code blockSize} would overrun now: the type's unless only the total's */
    RefusalReason shortOf(int typeIndex, int blockSize) {
        boolean typeFits = held.get(typeIndex) + blockSize <= typeLimits[typeIndex];
        boolean totalFits = totalHeld.get() + blockSize <= totalLimit;
        return typeFits && !totalFits ? RefusalReason.OVER_TOTAL_BUDGET : RefusalReason.OVER_TYPE_BUDGET;
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
