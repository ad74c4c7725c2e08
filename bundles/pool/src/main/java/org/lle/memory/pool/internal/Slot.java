package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * One fixed-size piece of a slab. The slice is made once and reused by every owner, so an allocation
 * creates only its small {@link PooledBlock} handle. A slot is always in exactly one place: a pool's free
 * list, a thread cache, or behind one open handle.
 */
final class Slot {
    final SlotPool pool;
    /** Position 0, limit and capacity = the pool's block size. Always all-zero while not owned. */
    final ByteBuffer memory;

    Slot(SlotPool pool, ByteBuffer memory) {
        this.pool = pool;
        this.memory = memory;
    }
}
