package org.lle.memory.pool.internal;

import org.lle.memory.internal.padding.CacheLinePadding;

/** The fields a thread writes on every allocation, between a line of padding on each side. */
abstract class ThreadCacheHotFields extends CacheLinePadding {
    /** Drives leak-detection sampling without a shared random source. */
    int allocationsSeen;
}

/** The line of padding after {@link ThreadCacheHotFields}; {@link ThreadCache} extends it. */
abstract class ThreadCachePadAfter extends ThreadCacheHotFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;
}
