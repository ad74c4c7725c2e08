package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * One fixed-size piece of a slab, addressed as (slab, offset): every access is an absolute get or put on the
 * shared slab, which moves no position, so threads can share it. No per-slot buffer object: a slice per slot
 * cost about 64 bytes of heap for every block; a view is sliced only when the owner asks for one
 * ({@link PooledBlock#asByteBuffer()}). A slot is always in exactly one place: a pool's free list, a thread
 * cache, or behind one open handle. Its bytes are all zero while it is not owned.
 */
final class Slot {
    final SlotPool pool;
    final ByteBuffer slab;
    /** Where the slot starts in {@link #slab}; it is {@code pool.blockSize} bytes long. */
    final int offset;

    Slot(SlotPool pool, ByteBuffer slab, int offset) {
        this.pool = pool;
        this.slab = slab;
        this.offset = offset;
    }
}
