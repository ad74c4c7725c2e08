package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * One fixed-size piece of a slab, addressed as (slab, offset): every access is an absolute get or put on the
 * shared slab, which moves no position, so threads can share it. No per-slot buffer object: a slice per slot
 * would add a {@code DirectByteBuffer} to the heap for every block; a view is sliced only when the owner asks
 * for one ({@link PooledBlock#asByteBuffer()}). A slot is always in exactly one place: a pool's free list, a
 * thread cache, or behind one open handle. Its bytes are all zero while it is not owned.
 */
final class SlabSlot {
    final SlotPool pool;
    final ByteBuffer slab;
    /** Where the slot starts in {@link #slab}; it is {@code pool.blockSize} bytes long. */
    final int offset;
    /** The slab's bookkeeping: how many of its slots are handed out, so the pool knows when it can let it go. */
    final Slab home;
    /**
     * Set, never cleared, once an owner asked for a {@code ByteBuffer} view: a view kept past close can still
     * write, so every close of this slot wipes its whole capacity. Written inside an access and read by close
     * after the accesses left; the slot's hand-over between owners orders it for later owners.
     */
    boolean viewHandedOut;

    SlabSlot(SlotPool pool, Slab home, int offset) {
        this.pool = pool;
        this.slab = home.memory;
        this.offset = offset;
        this.home = home;
    }
}
