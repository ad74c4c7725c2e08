package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * One direct-memory allocation of a {@link SlotPool}, carved into equal slots when it is made. Its pool lets
 * go of it once none of its slots is handed out (and it stayed so long enough, see {@link SlabAccount}); the
 * memory itself is freed by the GC once nothing references it, so a view a caller kept past close can never
 * touch freed memory. Fields are guarded by the owning pool's lock.
 */
final class Slab {
    final ByteBuffer memory;
    final int slots;
    /** Slots handed out of the pool: open blocks and blocks cached by threads. */
    int inUse;
    /** When {@link #inUse} last dropped to zero, on {@link SlabAccount#now()}'s clock. */
    long emptySince;
    /** Let go by its pool: its free slots are gone from the pool and it is never carved again. */
    boolean released;

    Slab(ByteBuffer memory, int slots) {
        this.memory = memory;
        this.slots = slots;
    }

    long bytes() {
        return memory.capacity();
    }
}
