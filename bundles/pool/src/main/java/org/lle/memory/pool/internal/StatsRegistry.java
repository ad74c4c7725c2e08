package org.lle.memory.pool.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.lle.memory.pool.PoolStats;

/**
 * Knows every thread's counters and sums them on demand. Counters of threads that ended are folded into a
 * retired total (and their cached slots handed back) so short-lived threads do not pile up: at every
 * snapshot, under budget pressure, and when a new thread registers while the list has doubled since the last
 * sweep (so registering stays cheap however many threads live, and the caches of ended threads waiting to be
 * drained are never more than those of live ones, plus a few).
 *
 * <p>{@code peakBytes} is the highest live byte count known to have existed: the largest of the values seen
 * at snapshots and of each thread's own peak (bytes of the blocks one thread allocated that were open at
 * once). It is exact when one thread allocates, and never above the true peak.
 *
 * <p>It also sums the budget credit the threads hold ({@link BudgetCredit}) for the ledger, and takes it back
 * from threads that ended and, before a refusal, from every thread.
 */
final class StatsRegistry implements BudgetLedger.Credits {
    private static final int TYPES = Generation.TYPES.length;
    /** Registrations between sweeps of ended threads while few threads are known. */
    static final int MIN_SWEEP_SIZE = 32;

    /** A lock, not a monitor: a virtual thread waiting for it unmounts. Nothing waits while holding it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ThreadCache> caches = new ArrayList<>();
    private final long[] retired = new long[TYPES * ThreadCounters.COUNT];
    private final long[] peaks = new long[TYPES];
    private int sweepAt = MIN_SWEEP_SIZE;
    private final BudgetLedger ledger;

    StatsRegistry(BudgetLedger ledger) {
        this.ledger = ledger;
    }

    void register(ThreadCache cache, SlotStack.BatchReleaser release) {
        lock.lock();
        try {
            if (caches.size() >= sweepAt) {
                reapEnded(release);
                sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * caches.size());
            }
            caches.add(cache);
        } finally {
            lock.unlock();
        }
    }

    PoolStats snapshot(int typeIndex, SlotStack.BatchReleaser release, long poolBytes) {
        lock.lock();
        try {
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
                    sum[ThreadCounters.FAILURES],
                    sum[ThreadCounters.SECONDARY_WASTE],
                    poolBytes);
        } finally {
            lock.unlock();
        }
    }

    /** Folds in the counters of threads that ended and hands back the free slots their caches held. */
    void reclaimEnded(SlotStack.BatchReleaser release) {
        lock.lock();
        try {
            reapEnded(release);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long of(int typeIndex) {
        lock.lock();
        try {
            long sum = 0;
            for (ThreadCache cache : caches) {
                sum += cache.credit.of(typeIndex);
            }
            return sum;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long total() {
        long sum = 0;
        for (int t = 0; t < TYPES; t++) {
            sum += of(t);
        }
        return sum;
    }

    /** Takes back every thread's unused credit into the ledger: a refusal must count only blocks as held. */
    void reclaimCredit() {
        lock.lock();
        try {
            for (ThreadCache cache : caches) {
                returnCredit(cache, ledger);
            }
        } finally {
            lock.unlock();
        }
    }

    static void returnCredit(ThreadCache cache, BudgetLedger ledger) {
        for (int t = 0; t < TYPES; t++) {
            long bytes = cache.credit.takeAll(t);
            if (bytes != 0) {
                ledger.release(t, bytes);
            }
        }
    }

    /** @return threads known with counters (tests) */
    int registered() {
        lock.lock();
        try {
            return caches.size();
        } finally {
            lock.unlock();
        }
    }

    /** Threads that ended wrote their last counters before {@link Thread#isAlive()} turned false. */
    private void reapEnded(SlotStack.BatchReleaser release) {
        int kept = 0;
        for (int i = 0, n = caches.size(); i < n; i++) {
            ThreadCache cache = caches.get(i);
            if (cache.owner.isAlive()) {
                caches.set(kept++, cache);
                continue;
            }
            for (int t = 0; t < TYPES; t++) {
                for (int c = 0; c < ThreadCounters.COUNT; c++) {
                    int at = t * ThreadCounters.COUNT + c;
                    long value = cache.counters.read(t, c);
                    retired[at] = c == ThreadCounters.PEAK_OWN ? Math.max(retired[at], value) : retired[at] + value;
                }
            }
            cache.drain(release);
            returnCredit(cache, ledger);
        }
        caches.subList(kept, caches.size()).clear();
    }
}
