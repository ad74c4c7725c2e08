package org.lle.memory.pool.internal;

import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * A bounded LIFO of free slots of one class owned by one thread: no lock, no atomic. Written on every
 * allocation and close, so both the object (see {@link CacheLinePadding}) and its array (unused slots at both
 * ends) are padded against false sharing with another thread's stack.
 *
 * <p>It is refilled from the shared pools in batches that start at one block and double with each refill up to
 * the class's batch limit, and when full it hands its colder half back in one go: a thread allocating many
 * blocks touches shared state once per batch, and a thread that allocates a few holds no more than it used.
 */
final class SlotStack extends SlotStackFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;

    SlotStack(int capacity, int batchLimit) {
        super(capacity, batchLimit);
    }

    /**
     * The reference stays behind in the array: a thread that closes what it allocated pushes the same slot
     * back to the same place, and {@link #push} then stores nothing. A reference store into this long-lived
     * array costs a GC write barrier (G1: a card check and a fence when the card is clean) on every cycle.
     */
    SlabSlot pop() {
        if (count == 0) {
            return null;
        }
        return slots[PAD + --count];
    }

    boolean push(SlabSlot slot) {
        if (count == capacity) {
            return false;
        }
        int at = PAD + count++;
        if (slots[at] != slot) {
            slots[at] = slot;
        }
        return true;
    }

    /** @return how many blocks the next refill takes; each call doubles the next, up to the batch limit */
    int nextRefill() {
        int n = Math.min(refill, capacity - count);
        if (refill < batchLimit) {
            refill = Math.min(batchLimit, refill * 2);
        }
        return n;
    }

    /** Records {@code n} slots written by a pool at {@code slots[PAD + size() ..]}. */
    void filled(int n) {
        count += n;
    }

    /**
     * Removes the {@code n} slots at the bottom (the coldest) and hands them to {@code release}, then forgets
     * the references left behind above the live part so their slabs can be collected.
     */
    void removeBottom(int n, BatchReleaser release) {
        release.release(slots, PAD, n);
        System.arraycopy(slots, PAD + n, slots, PAD, count - n);
        java.util.Arrays.fill(slots, PAD + count - n, PAD + capacity, null);
        count -= n;
    }

    int size() {
        return count;
    }

    /** Where slots leaving a cache go: back to their pools, with their budget released. */
    @FunctionalInterface
    interface BatchReleaser {
        /** Takes slots {@code slots[from..from+n)} (all of one class); must not keep the array. */
        void release(SlabSlot[] slots, int from, int n);
    }
}

/** The fields of {@link SlotStack}, after a line of padding. */
abstract class SlotStackFields extends CacheLinePadding {
    /** Unused references on each side of the live part of {@link #slots}: 64 bytes or more. */
    static final int PAD = 16;
    final SlabSlot[] slots;
    final int capacity;
    final int batchLimit;
    int count;
    int refill = 1;

    SlotStackFields(int capacity, int batchLimit) {
        this.capacity = capacity;
        this.batchLimit = batchLimit;
        this.slots = new SlabSlot[PAD + capacity + PAD];
    }
}
