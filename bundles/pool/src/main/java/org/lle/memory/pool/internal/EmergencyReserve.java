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

    /** @return a zero-filled slot of {@code blockSize} bytes, or {@code null} when the reserve is spent */
    SlabSlot take(int blockSize) {
        long max = capacity;
        long now;
        do {
            now = used.get();
            if (now + blockSize > max) {
                return null;
            }
        } while (!used.compareAndSet(now, now + blockSize));
        SlotPool pool = poolsBySize.computeIfAbsent(blockSize,
                size -> new SlotPool(size, Integer.MAX_VALUE, max, -1, -1, 0, null, account));
        SlabSlot[] one = new SlabSlot[1];
        if (pool.take(one, 0, 1) == 0) {
            used.addAndGet(-blockSize);
            return null;
        }
        return one[0];
    }

    /** A reserve slot retired for good: its bytes go back to the reserve, the slot is never reused. */
    void forget(SlabSlot slot) {
        slot.pool.forget(slot);
        used.addAndGet(-slot.pool.blockSize);
    }

    void give(SlabSlot slot) {
        slot.pool.give(slot);
        used.addAndGet(-slot.pool.blockSize);
    }
}
