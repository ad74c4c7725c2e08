package org.lle.memory.pool.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes set aside outside the budgets, for EMERGENCY_ONLY and for AUTOMATIC once a type's budget is spent.
 * Its blocks come from their own pools (one per block size, shared by all types), are never thread-cached,
 * and survive reconfiguration (only the size of the reserve changes).
 */
final class EmergencyReserve {
    private final ConcurrentHashMap<Integer, SlotPool> poolsBySize = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();
    private final SlabAccount account;
    private volatile long capacity;

    EmergencyReserve(long capacity, SlabAccount account) {
        this.capacity = capacity;
        this.account = account;
    }

    void setCapacity(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used.get();
    }

    /**
     * Takes a zero-filled slot of {@code blockSize} bytes into {@code slab[0]} and {@code offset[0]}.
     *
     * @return false when the reserve is spent
     */
    boolean take(int blockSize, Slab[] slab, char[] offset) {
        long max = capacity;
        long now;
        do {
            now = used.get();
            if (now + blockSize > max) {
                return false;
            }
        } while (!used.compareAndSet(now, now + blockSize));
        SlotPool pool = poolsBySize.computeIfAbsent(blockSize,
                size -> new SlotPool(size, Integer.MAX_VALUE, max, -1, -1, 0, null, account));
        if (pool.take(slab, offset, 0, 1) == 0) {
            used.addAndGet(-blockSize);
            return false;
        }
        return true;
    }

    /** A reserve slot of {@code slab} retired for good: its bytes go back to the reserve, the slot is never reused. */
    void forget(Slab slab) {
        slab.pool.forget(slab);
        used.addAndGet(-slab.pool.blockSize);
    }

    void give(Slab slab, char offset) {
        slab.pool.give(slab, offset);
        used.addAndGet(-slab.pool.blockSize);
    }
}
