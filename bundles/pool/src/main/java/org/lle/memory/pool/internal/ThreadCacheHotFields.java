package org.lle.memory.pool.internal;

import org.lle.memory.internal.padding.CacheLinePadding;

/** The fields a thread writes on every allocation, between a line of padding on each side. */
abstract class ThreadCacheHotFields extends CacheLinePadding {
    /** Drives leak-detection sampling without a shared random source. */
    int allocationsSeen;
    /**
     * Where the slot that {@link ThreadCache#pop} or the allocator's take last returned starts in its slab: the
     * second half of that return value, kept here so that handing out a slot allocates nothing.
     */
    char takenOffset;
}

/** The line of padding after {@link ThreadCacheHotFields}; {@link ThreadCache} extends it. */
abstract class ThreadCachePadAfter extends ThreadCacheHotFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;
}
