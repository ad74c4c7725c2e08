package org.lle.memory.pool.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.lle.memory.pool.PoolConfig;

/**
 * Bytes of size classes reserved per type and in total: open blocks, free blocks sitting in thread caches, and
 * the budget threads reserved ahead of their next refills ({@link BudgetCredit}, taken back before any refusal).
 * Counting cached blocks as held is what lets a cache hit skip this shared state entirely; only a cache miss
 * (a batch from a shared pool) or an overflow (a batch back to a shared pool) changes it. Survives
 * reconfiguration, so blocks of a retired generation keep counting until closed.
 */
final class BudgetLedger {
    private final AtomicLongArray held = new AtomicLongArray(Generation.TYPES.length);
    private final AtomicLong totalHeld = new AtomicLong();
    private volatile long[] typeLimits;
    private volatile long totalLimit;
    /** The credit the threads hold: set once by the system, whose registry knows the threads. */
    private volatile Credits credits = Credits.NONE;

    /** The unused budget threads reserved ahead, summed over the threads. */
    interface Credits {
        Credits NONE = new Credits() {
            @Override
            public long of(int typeIndex) {
                return 0;
            }

            @Override
            public long total() {
                return 0;
            }
        };

        long of(int typeIndex);

        long total();
    }

    void countCredits(Credits threads) {
        this.credits = threads;
    }

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
        long bytes = reserveBytes(typeIndex, blockSize, (long) wanted * blockSize);
        long partial = bytes % blockSize; // what fit of a block more: not a block
        if (partial != 0) {
            release(typeIndex, partial);
        }
        return (int) (bytes / blockSize);
    }

    /**
     * Reserves as many bytes as both budgets allow, up to {@code most}, but none unless at least {@code least}
     * fit: a thread's lease ({@link BudgetCredit}) beyond the blocks it needs now.
     *
     * @return the bytes reserved: 0, or from {@code least} to {@code most}
     */
    long reserveBytes(int typeIndex, long least, long most) {
        long limit = typeLimits[typeIndex];
        long now;
        long n;
        do {
            now = held.get(typeIndex);
            n = Math.min(most, limit - now);
            if (n < least) {
                return 0;
            }
        } while (!held.compareAndSet(typeIndex, now, now + n));
        long max = totalLimit;
        long total;
        long m;
        do {
            total = totalHeld.get();
            m = Math.min(n, max - total);
            if (m < least) {
                m = 0;
                break;
            }
        } while (!totalHeld.compareAndSet(total, total + m));
        if (m < n) {
            held.addAndGet(typeIndex, -(n - m));
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

    /** @return bytes reserved for a type, the threads' unused credit included (tests) */
    long reserved(int typeIndex) {
        return held.get(typeIndex);
    }

    /** @return bytes of open and cached blocks of a type: reserved, less the threads' unused credit */
    long held(int typeIndex) {
        return held.get(typeIndex) - credits.of(typeIndex);
    }

    /** @return bytes of open and cached blocks of every type */
    long totalHeld() {
        return totalHeld.get() - credits.total();
    }

    long typeLimit(int typeIndex) {
        return typeLimits[typeIndex];
    }

    long totalLimit() {
        return totalLimit;
    }
}
