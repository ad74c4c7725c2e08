package org.lle.memory.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direct-memory allocation of a {@link SlotPool}, carved into equal slots when it is made. A slot is
 * addressed as (slab, offset): every access is an absolute get or put on the shared {@link #memory}, which moves
 * no position, so threads can share it. There is no object per slot: free lists and thread caches keep a slab
 * reference and an offset side by side, and a block's handle keeps the two. Nor a buffer per slot: a slice per
 * slot would put a {@code DirectByteBuffer} on the heap for every block, so a view is sliced only when the owner
 * asks for one ({@link PooledBlock#asByteBuffer()}). A slot is always in exactly one place: a pool's free
 * list, a thread cache, or behind one open handle. Its bytes are all zero while it is not owned.
 *
 * <p>Its pool lets go of it once none of its slots is handed out (and it stayed so long enough, see
 * {@link SlabAccount}); the memory itself is freed by the GC once nothing references it, so a view a caller kept
 * past close can never touch freed memory. The bookkeeping fields are guarded by the owning pool's lock.
 */
final class Slab {
    private static final VarHandle VIEWED;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            VIEWED = MethodHandles.lookup().findVarHandle(Slab.class, "viewed", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    /** Unique in this JVM: with an offset, it names a slot ({@link OpenRecords#key}). */
    final long id = IDS.incrementAndGet();
    final SlotPool pool;
    final ByteBuffer memory;
    final int slots;
    /** Slots handed out of the pool: open blocks and blocks cached by threads. */
    int inUse;
    /** When {@link #inUse} last dropped to zero, on {@link SlabAccount#now()}'s clock. */
    long emptySince;
    /** Let go by its pool: its free slots are gone from the pool and it is never carved again. */
    boolean released;
    /**
     * One bit per slot, set and never cleared once an owner of the slot asked for a {@code ByteBuffer} view: a
     * view kept past close can still write, so every later close of that slot wipes its whole capacity.
     * {@code null} until the first view of any slot here, so a slab nobody views carries no bits.
     */
    private volatile long[] viewed;

    Slab(SlotPool pool, ByteBuffer memory, int slots) {
        this.pool = pool;
        this.memory = memory;
        this.slots = slots;
    }

    long bytes() {
        return memory.capacity();
    }

    /**
     * Marks the slot at {@code offset} for good. Called inside an access of the slot's owner; other owners of
     * other slots may mark theirs at the same time, so the bit is set atomically (a plain read-modify-write of a
     * shared word could lose another slot's bit). Close reads it after the accesses left, and the slot's hand-over
     * between owners orders it for later owners.
     */
    void markViewHandedOut(int offset) {
        long[] bits = viewed;
        if (bits == null) {
            long[] fresh = new long[(slots + Long.SIZE - 1) / Long.SIZE];
            bits = VIEWED.compareAndSet(this, null, fresh) ? fresh : viewed;
        }
        int slot = offset / pool.blockSize;
        long bit = 1L << slot;
        if (((long) WORDS.getVolatile(bits, slot >>> 6) & bit) == 0) {
            WORDS.getAndBitwiseOr(bits, slot >>> 6, bit);
        }
    }

    /** @return whether an owner of the slot at {@code offset} was ever handed a view */
    boolean viewHandedOut(int offset) {
        long[] bits = viewed;
        if (bits == null) {
            return false; // the usual case: no view of any slot of this slab, and no division
        }
        int slot = offset / pool.blockSize;
        return ((long) WORDS.getVolatile(bits, slot >>> 6) & (1L << slot)) != 0;
    }
}
