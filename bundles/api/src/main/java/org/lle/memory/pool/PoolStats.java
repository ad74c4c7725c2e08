package org.lle.memory.pool;

/**
 * An exact snapshot of the counters of one pool type, or of all of them. Counts are since the pool system
 * started; sizes are in bytes.
 *
 * <p>Read it through its accessors. Components are only ever added at the end, and the constructor of each
 * earlier shape stays, so code that builds a snapshot (a test double, a host's own totals) keeps compiling and
 * linking. A record pattern that names every component (e.g. {@code stats instanceof PoolStats(var a, var f, ...)})
 * would stop compiling when one is added.
 *
 * @param allocations successful allocations
 * @param frees blocks closed
 * @param liveBlocks blocks open now ({@code allocations - frees} at the snapshot)
 * @param liveBytes requested bytes of the open blocks
 * @param peakBytes the highest {@code liveBytes} seen
 * @param reservedBytes bytes of size classes held by open blocks (capacity, not request)
 * @param cacheHits allocations served from a per-thread cache without touching shared state
 * @param cacheMisses allocations that had to take a block from the shared pool or carve a new one
 * @param secondaryFallbacks allocations served by a larger size class than the primary one (spills): only
 *                           when the primary class could not grow inside the budgets, or direct memory ran out
 * @param emergencyAllocations allocations served by the emergency reserve
 * @param heapFallbacks allocations served by plain heap memory outside the pools; the pool system of this library
 *                      never falls back to the heap (an allocation it cannot serve fails), so there it stays 0
 * @param failures allocations refused (budget or exhaustion)
 * @param secondaryWasteBytes bytes the spills counted in {@code secondaryFallbacks} wasted: for each, the
 *                            capacity of the block served less the block size of its primary class
 * @param poolBytes direct memory the pools hold now: every slab they carved, whether its blocks are open,
 *                  cached by a thread or free (the emergency reserve is not counted)
 */
public record PoolStats(
        long allocations,
        long frees,
        long liveBlocks,
        long liveBytes,
        long peakBytes,
        long reservedBytes,
        long cacheHits,
        long cacheMisses,
        long secondaryFallbacks,
        long emergencyAllocations,
        long heapFallbacks,
        long failures,
        long secondaryWasteBytes,
        long poolBytes) {

    /** All counters zero. */
    public static final PoolStats EMPTY = new PoolStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Counts every allocation not served by its primary size class's pools.
     *
     * @return all fallbacks together: secondary, emergency and heap
     */
    public long fallbacks() {
        return secondaryFallbacks + emergencyAllocations + heapFallbacks;
    }

    /**
     * Sums two snapshots, component by component. The peak of a sum is bounded by the sum of peaks, so totals
     * report that bound.
     *
     * @param o the snapshot to add
     * @return a new snapshot holding the sums
     * @throws NullPointerException when {@code o} is {@code null}
     */
    public PoolStats plus(PoolStats o) {
        return new PoolStats(allocations + o.allocations, frees + o.frees, liveBlocks + o.liveBlocks,
                liveBytes + o.liveBytes, peakBytes + o.peakBytes, reservedBytes + o.reservedBytes,
                cacheHits + o.cacheHits, cacheMisses + o.cacheMisses,
                secondaryFallbacks + o.secondaryFallbacks, emergencyAllocations + o.emergencyAllocations,
                heapFallbacks + o.heapFallbacks, failures + o.failures,
                secondaryWasteBytes + o.secondaryWasteBytes, poolBytes + o.poolBytes);
    }
}
