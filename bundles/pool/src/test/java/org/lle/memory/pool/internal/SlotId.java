package org.lle.memory.pool.internal;

/** A slot as tests compare it: the same slab (by identity: {@link Slab} keeps {@code Object.equals}) and offset. */
record SlotId(Slab slab, int offset) {
    static SlotId of(PooledBlock block) {
        return new SlotId(block.slab, block.base);
    }
}
