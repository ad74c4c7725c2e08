package org.lle.memory.monitoring.internal;

import org.lle.memory.monitoring.PoolCounters;
import org.lle.memory.pool.PoolStats;

/** The counters of one {@link PoolStats} snapshot, taken afresh for every attribute read. */
abstract class PoolCountersBean implements PoolCounters {

    abstract PoolStats stats();

    @Override
    public long getAllocations() {
        return stats().allocations();
    }

    @Override
    public long getFrees() {
        return stats().frees();
    }

    @Override
    public long getLiveBlocks() {
        return stats().liveBlocks();
    }

    @Override
    public long getLiveBytes() {
        return stats().liveBytes();
    }

    @Override
    public long getPeakBytes() {
        return stats().peakBytes();
    }

    @Override
    public long getReservedBytes() {
        return stats().reservedBytes();
    }

    @Override
    public long getCacheHits() {
        return stats().cacheHits();
    }

    @Override
    public long getCacheMisses() {
        return stats().cacheMisses();
    }

    @Override
    public double getHitRate() {
        return hitRate(stats());
    }

    /** The hit rate of one snapshot; {@code 0} before any cache access. */
    static double hitRate(PoolStats stats) {
        long lookups = stats.cacheHits() + stats.cacheMisses();
        return lookups == 0 ? 0.0 : (double) stats.cacheHits() / lookups;
    }

    @Override
    public long getSecondaryFallbacks() {
        return stats().secondaryFallbacks();
    }

    @Override
    public long getEmergencyAllocations() {
        return stats().emergencyAllocations();
    }

    @Override
    public long getHeapFallbacks() {
        return stats().heapFallbacks();
    }

    @Override
    public long getFallbacks() {
        return stats().fallbacks();
    }

    @Override
    public long getFailures() {
        return stats().failures();
    }
}
