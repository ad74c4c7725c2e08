package org.lle.memory.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The counters shared by {@link PoolsMXBean} (all types together) and {@link PoolTypeMXBean} (one type); each
 * getter takes a fresh {@link org.lle.memory.pool.PoolStats} snapshot, so two attributes read one after the
 * other may come from two snapshots.
 */
@ProviderType
public interface PoolCounters {
    /** @return successful allocations */
    long getAllocations();

    /** @return blocks closed */
    long getFrees();

    /** @return blocks open now */
    long getLiveBlocks();

    /** @return requested bytes of the open blocks */
    long getLiveBytes();

    /** @return the highest live bytes seen (for all types: the sum of the types' peaks, an upper bound) */
    long getPeakBytes();

    /** @return bytes of size classes held by open blocks (capacity, not request) */
    long getReservedBytes();

    /** @return allocations served from a per-thread cache */
    long getCacheHits();

    /** @return allocations that had to go to the shared pools */
    long getCacheMisses();

    /** @return {@code cacheHits / (cacheHits + cacheMisses)}, in {@code 0..1}; {@code 0} before any allocation */
    double getHitRate();

    /** @return allocations served by a larger size class than the primary one */
    long getSecondaryFallbacks();

    /** @return allocations served by the emergency reserve */
    long getEmergencyAllocations();

    /** @return allocations served by plain heap memory outside the pools */
    long getHeapFallbacks();

    /** @return all fallbacks together: secondary, emergency and heap */
    long getFallbacks();

    /** @return allocations refused (budget or exhaustion) */
    long getFailures();

    /** @return the budget in bytes: the total budget for all types, the type's budget for one type */
    long getBudgetBytes();
}
