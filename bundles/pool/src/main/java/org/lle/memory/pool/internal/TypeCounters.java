package org.lle.memory.pool.internal;

import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * One thread's counters of one pool type ({@link ThreadCounters}), padded: every allocation writes them, and
 * the GC may copy another thread's next to them.
 */
final class TypeCounters extends TypeCountersFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;
}

/** The fields of {@link TypeCounters}, after a line of padding. */
abstract class TypeCountersFields extends CacheLinePadding {
    long cacheHits;
    long cacheMisses;
    long frees;
    long allocatedBytes;
    long freedBytes;
    long liveCapacity;
    long secondary;
    long emergency;
    long failures;
    long freedForOthers;
    long peakOwn;
    long secondaryWaste;

    /** Bytes of blocks this thread allocated that are still open: never above the type's true live bytes. */
    final long ownLiveBytes(long remotelyFreed) {
        return allocatedBytes - (freedBytes - freedForOthers) - remotelyFreed;
    }
}
