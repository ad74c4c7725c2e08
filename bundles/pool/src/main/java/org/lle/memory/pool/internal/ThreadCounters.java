package org.lle.memory.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The statistics one thread writes, per pool type. Single writer: plain read, opaque write, so the hot path
 * has no atomic and a snapshot from another thread sees each value whole. Exact at quiescence.
 */
final class ThreadCounters {
    static final int ALLOCATIONS = 0;
    static final int FREES = 1;
    static final int ALLOCATED_BYTES = 2;
    static final int FREED_BYTES = 3;
    static final int ALLOCATED_CAPACITY = 4;
    static final int FREED_CAPACITY = 5;
    static final int CACHE_HITS = 6;
    static final int CACHE_MISSES = 7;
    static final int SECONDARY = 8;
    static final int EMERGENCY = 9;
    static final int FAILURES = 10;
    /** Requested bytes of this thread's own blocks that this thread freed itself. */
    static final int OWN_FREED_BYTES = 11;
    /** The highest value of this thread's own live bytes (see {@link #ownLiveBytes}). */
    static final int PEAK_OWN = 12;
    static final int COUNT = 13;

    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * Cache lines of padding on both sides of the counters: every thread writes its array on every allocation,
     * and the GC may copy two threads' arrays next to each other (false sharing).
     */
    private static final int PAD = 16;

    private final long[] values = new long[PAD + Generation.TYPES.length * COUNT + PAD];
    /** Requested bytes of this thread's blocks freed by other threads: the only cross-thread write. */
    private final AtomicLongArray remotelyFreedBytes = new AtomicLongArray(Generation.TYPES.length);

    private void add(int typeIndex, int counter, long delta) {
        int i = PAD + typeIndex * COUNT + counter;
        ELEMENT.setOpaque(values, i, values[i] + delta);
    }

    void allocated(int typeIndex, int size, int capacity, boolean cacheHit, boolean secondary, boolean emergency) {
        int base = PAD + typeIndex * COUNT;
        add(typeIndex, ALLOCATIONS, 1);
        add(typeIndex, ALLOCATED_BYTES, size);
        add(typeIndex, ALLOCATED_CAPACITY, capacity);
        add(typeIndex, cacheHit ? CACHE_HITS : CACHE_MISSES, 1);
        if (secondary) {
            add(typeIndex, SECONDARY, 1);
        }
        if (emergency) {
            add(typeIndex, EMERGENCY, 1);
        }
        long own = ownLiveBytes(typeIndex);
        if (own > values[base + PEAK_OWN]) {
            ELEMENT.setOpaque(values, base + PEAK_OWN, own);
        }
    }

    /** Counted by the thread that closes the block, whoever allocated it. */
    void freed(int typeIndex, int size, int capacity, ThreadCounters allocator) {
        add(typeIndex, FREES, 1);
        add(typeIndex, FREED_BYTES, size);
        add(typeIndex, FREED_CAPACITY, capacity);
        if (allocator == this) {
            add(typeIndex, OWN_FREED_BYTES, size);
        } else {
            allocator.remotelyFreedBytes.addAndGet(typeIndex, size);
        }
    }

    void failed(int typeIndex) {
        add(typeIndex, FAILURES, 1);
    }

    /** Bytes of blocks this thread allocated that are still open: never above the type's true live bytes. */
    private long ownLiveBytes(int typeIndex) {
        int base = PAD + typeIndex * COUNT;
        return values[base + ALLOCATED_BYTES] - values[base + OWN_FREED_BYTES] - remotelyFreedBytes.get(typeIndex);
    }

    /** @return one counter, as last published by the owning thread */
    long read(int typeIndex, int counter) {
        return (long) ELEMENT.getOpaque(values, PAD + typeIndex * COUNT + counter);
    }
}
