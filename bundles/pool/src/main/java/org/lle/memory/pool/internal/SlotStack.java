package org.lle.memory.pool.internal;

import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * A bounded LIFO of free slots of one class owned by one thread: no lock, no atomic. A slot is kept as its slab
 * in {@link SlotStackFields#slabs} and its offset at the same index of {@link SlotStackFields#offsets}. Written on
 * every allocation and close, so both the object (see {@link CacheLinePadding}) and its arrays (unused entries at
 * both ends) are padded against false sharing with another thread's stack.
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
     * The slab reference stays behind in the array: a thread that closes what it allocated pushes a slot of the
     * same slab (most slots of a batch share one) back to the same place, and {@link #push} then stores no
     * reference. A reference store into this long-lived array costs a GC write barrier (G1: a card check and a
     * fence when the card is clean) on every cycle; the offset is a {@code char} store, which costs none.
     *
     * @return the index of the popped slot in {@link #slabs} and {@link #offsets}, or -1 when empty
     */
    int pop() {
        if (count == 0) {
            return -1;
        }
        return PAD + --count;
    }

    boolean push(Slab slab, char offset) {
        if (count == capacity) {
            return false;
        }
        int at = PAD + count++;
        if (slabs[at] != slab) {
            slabs[at] = slab;
        }
        offsets[at] = offset;
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

    /** Records {@code n} slots written by a pool at index {@code PAD + size()} on. */
    void filled(int n) {
        count += n;
    }

    /**
     * Removes the {@code n} slots at the bottom (the coldest) and hands them to {@code release}, then forgets
     * the references left behind above the live part so their slabs can be collected.
     */
    void removeBottom(int n, BatchReleaser release) {
        release.release(slabs, offsets, PAD, n);
        System.arraycopy(slabs, PAD + n, slabs, PAD, count - n);
        System.arraycopy(offsets, PAD + n, offsets, PAD, count - n);
        java.util.Arrays.fill(slabs, PAD + count - n, PAD + capacity, null);
        count -= n;
    }

    int size() {
        return count;
    }

    /** Where slots leaving a cache go: back to their pools, with their budget released. */
    @FunctionalInterface
    interface BatchReleaser {
        /**
         * Takes the slots at {@code [from..from+n)} of the two arrays (all of one class); may reorder them
         * within that range; must not keep the arrays.
         */
        void release(Slab[] slabs, char[] offsets, int from, int n);
    }
}

/** The fields of {@link SlotStack}, after a line of padding. */
abstract class SlotStackFields extends CacheLinePadding {
    /** Unused entries on each side of the live part of the arrays: 64 bytes or more of each. */
    static final int PAD = 32;
    final Slab[] slabs;
    /** Where each slot starts in its slab (see {@link SlotPool#MAX_OFFSET}). */
    final char[] offsets;
    final int capacity;
    final int batchLimit;
    int count;
    int refill = 1;

    SlotStackFields(int capacity, int batchLimit) {
        this.capacity = capacity;
        this.batchLimit = batchLimit;
        this.slabs = new Slab[PAD + capacity + PAD];
        this.offsets = new char[PAD + capacity + PAD];
    }
}
