package org.lle.memory.pool.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.lle.memory.pool.PoolStats;

/**
 * Knows every thread's counters and sums them on demand. Counters of threads that ended are folded into a
 * retired total (and their cached slots handed back) so short-lived threads do not pile up.
 *
 * <p>{@code peakBytes} is the highest live byte count known to have existed: the largest of the values seen
 * at snapshots and of each thread's own peak (bytes of the blocks one thread allocated that were open at
 * once). It is exact when one thread allocates, and never above the true peak.
 */
final class StatsRegistry {
    private static final int TYPES = Generation.TYPES.length;

    private final List<ThreadCache> caches = new ArrayList<>();
    private final long[] retired = new long[TYPES * ThreadCounters.COUNT];
    private final long[] peaks = new long[TYPES];

    synchronized void register(ThreadCache cache, ThreadCache.SlotReleaser release) {
        reapEnded(release);
        caches.add(cache);
    }

    synchronized PoolStats snapshot(int typeIndex, ThreadCache.SlotReleaser release) {
        reapEnded(release);
        long[] sum = new long[ThreadCounters.COUNT];
        System.arraycopy(retired, typeIndex * ThreadCounters.COUNT, sum, 0, ThreadCounters.COUNT);
        for (ThreadCache cache : caches) {
            for (int c = 0; c < ThreadCounters.COUNT; c++) {
                long value = cache.counters.read(typeIndex, c);
                sum[c] = c == ThreadCounters.PEAK_OWN ? Math.max(sum[c], value) : sum[c] + value;
            }
        }
        long liveBytes = sum[ThreadCounters.ALLOCATED_BYTES] - sum[ThreadCounters.FREED_BYTES];
        long peak = Math.max(peaks[typeIndex], Math.max(liveBytes, sum[ThreadCounters.PEAK_OWN]));
        peaks[typeIndex] = peak;
        long allocations = sum[ThreadCounters.CACHE_HITS] + sum[ThreadCounters.CACHE_MISSES];
        return new PoolStats(
                allocations,
                sum[ThreadCounters.FREES],
                allocations - sum[ThreadCounters.FREES],
                liveBytes,
                peak,
                sum[ThreadCounters.LIVE_CAPACITY],
                sum[ThreadCounters.CACHE_HITS],
                sum[ThreadCounters.CACHE_MISSES],
                sum[ThreadCounters.SECONDARY],
                sum[ThreadCounters.EMERGENCY],
                0L, // heap fallback is never used: pool memory is always direct (see README of the module)
                sum[ThreadCounters.FAILURES]);
    }

    /** Folds in the counters of threads that ended and hands back the free slots their caches held. */
    synchronized void reclaimEnded(ThreadCache.SlotReleaser release) {
        reapEnded(release);
    }

    /** Threads that ended wrote their last counters before {@link Thread#isAlive()} turned false. */
    private void reapEnded(ThreadCache.SlotReleaser release) {
        for (Iterator<ThreadCache> it = caches.iterator(); it.hasNext();) {
            ThreadCache cache = it.next();
            if (cache.owner.isAlive()) {
                continue;
            }
            for (int t = 0; t < TYPES; t++) {
                for (int c = 0; c < ThreadCounters.COUNT; c++) {
                    int i = t * ThreadCounters.COUNT + c;
                    long value = cache.counters.read(t, c);
                    retired[i] = c == ThreadCounters.PEAK_OWN ? Math.max(retired[i], value) : retired[i] + value;
                }
            }
            cache.drain(release);
            it.remove();
        }
    }
}
