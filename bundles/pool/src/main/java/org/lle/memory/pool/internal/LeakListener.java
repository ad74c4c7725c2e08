package org.lle.memory.pool.internal;

/** Where leak reports go; the default logs them. Tests install their own to see exactly what is reported. */
public interface LeakListener {

    /** A block that was never closed: found unreachable by the GC, or still open when the system closed. */
    void leaked(LeakReport report);

    /** The system closed with {@code liveBlocks} blocks still open (all of them, tracked or not). */
    void closedWithLiveBlocks(long liveBlocks, String perType);
}
