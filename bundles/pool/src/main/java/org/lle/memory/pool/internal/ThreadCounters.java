package org.lle.memory.pool.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The statistics one thread writes, per pool type. Single writer, so no atomic on the hot path: plain
 * read-modify-writes of fields, then a release fence before the operation's count, which publishes them
 * (a reader fences with acquire). On x86 that is plain moves throughout. Fields, not opaque stores into a
 * {@code long[]}: those cost a compiler barrier and a bounds check per counter on every allocate and close.
 * Exact at quiescence. A 64-bit plain store is not split by HotSpot on 64-bit platforms, so a snapshot never
 * sees half a value.
 *
 * <p>Only what the hot path must count is counted there: allocations are hits plus misses, capacity is
 * one signed in-use figure, and this thread's own freed bytes are all its freed bytes less those it freed
 * for other threads (the rare case). An allocate+close writes six counters and checks the peak.
 */
final class ThreadCounters {
    static final int CACHE_HITS = 0;
    static final int CACHE_MISSES = 1;
    static final int FREES = 2;
    static final int ALLOCATED_BYTES = 3;
    static final int FREED_BYTES = 4;
    /** Capacity of blocks allocated less capacity of blocks freed, by this thread: may go below zero. */
    static final int LIVE_CAPACITY = 5;
    static final int SECONDARY = 6;
    static final int EMERGENCY = 7;
    static final int FAILURES = 8;
    /** Requested bytes of other threads' blocks that this thread freed. */
    static final int FREED_FOR_OTHERS = 9;
    /** The highest value of this thread's own live bytes (see {@link TypeCounters#ownLiveBytes}). */
    static final int PEAK_OWN = 10;
    /** Bytes spills wasted: capacity served less the primary class's block size, summed over spills. */
    static final int SECONDARY_WASTE = 11;
    static final int COUNT = 12;

    private final TypeCounters[] byType = new TypeCounters[Generation.TYPES.length];
    /** Requested bytes of this thread's blocks freed by other threads: the only cross-thread write. */
    private final AtomicLongArray remotelyFreedBytes = new AtomicLongArray(Generation.TYPES.length);

    ThreadCounters() {
        for (int t = 0; t < byType.length; t++) {
            byType[t] = new TypeCounters();
        }
    }

    /** {@link #allocated} of a hit in the thread's cache: a slot of the primary class, never an emergency one. */
    void allocatedFromCache(int typeIndex, int size, int capacity) {
        TypeCounters c = live(typeIndex, size, capacity);
        VarHandle.releaseFence();
        c.cacheHits++;
    }

    /** Counts the bytes and capacity of an allocation and raises this thread's peak; the caller publishes. */
    private TypeCounters live(int typeIndex, int size, int capacity) {
        TypeCounters c = byType[typeIndex];
        c.allocatedBytes += size;
        c.liveCapacity += capacity;
        long own = c.ownLiveBytes(remotelyFreedBytes.getOpaque(typeIndex));
        if (own > c.peakOwn) {
            c.peakOwn = own;
        }
        return c;
    }

    /** @param spillWaste for a block from a larger class than the primary one, the bytes it wastes; else 0 */
    void allocated(int typeIndex, int size, int capacity, boolean cacheHit, int spillWaste, boolean emergency) {
        TypeCounters c = live(typeIndex, size, capacity);
        if (spillWaste != 0) {
            c.secondary++;
            c.secondaryWaste += spillWaste;
        }
        if (emergency) {
            c.emergency++;
        }
        VarHandle.releaseFence();
        if (cacheHit) {
            c.cacheHits++;
        } else {
            c.cacheMisses++;
        }
    }

    /** Counted by the thread that closes the block, whoever allocated it. */
    void freed(int typeIndex, int size, int capacity, ThreadCounters allocator) {
        if (allocator != this) {
            byType[typeIndex].freedForOthers += size;
            allocator.remotelyFreedBytes.addAndGet(typeIndex, size);
        }
        freedOwn(typeIndex, size, capacity);
    }

    /** {@link #freed} by the thread that allocated the block (the usual case). */
    void freedOwn(int typeIndex, int size, int capacity) {
        TypeCounters c = byType[typeIndex];
        c.freedBytes += size;
        c.liveCapacity -= capacity;
        VarHandle.releaseFence();
        c.frees++;
    }

    void failed(int typeIndex) {
        VarHandle.releaseFence();
        byType[typeIndex].failures++;
    }

    /** @return one counter, as last published by the owning thread */
    long read(int typeIndex, int counter) {
        VarHandle.acquireFence();
        TypeCounters c = byType[typeIndex];
        switch (counter) {
            case CACHE_HITS: return c.cacheHits;
            case CACHE_MISSES: return c.cacheMisses;
            case FREES: return c.frees;
            case ALLOCATED_BYTES: return c.allocatedBytes;
            case FREED_BYTES: return c.freedBytes;
            case LIVE_CAPACITY: return c.liveCapacity;
            case SECONDARY: return c.secondary;
            case EMERGENCY: return c.emergency;
            case FAILURES: return c.failures;
            case FREED_FOR_OTHERS: return c.freedForOthers;
            case PEAK_OWN: return c.peakOwn;
            case SECONDARY_WASTE: return c.secondaryWaste;
            default: throw new IllegalArgumentException("no counter " + counter);
        }
    }
}
