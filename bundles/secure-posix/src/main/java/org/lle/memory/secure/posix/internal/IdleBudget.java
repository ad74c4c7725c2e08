package org.lle.memory.secure.posix.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much locked memory the arena's spare chunks (empty, kept for the next allocation) may hold together: 1/
 * {@value #SHARE_OF_LOCK_LIMIT} of RLIMIT_MEMLOCK when that limit applies, so most of it is always there for live
 * secrets; unbounded (nothing counted) with CAP_IPC_LOCK or no limit, where a lock cannot fail for want of budget.
 */
final class IdleBudget {
    /** spares may hold 1/this of RLIMIT_MEMLOCK locked */
    static final int SHARE_OF_LOCK_LIMIT = 8;
    static final long UNBOUNDED = Long.MAX_VALUE;

    private final ProbeResult probe;
    /** the most locked bytes all spares together may hold, {@link #UNBOUNDED} without a lock limit */
    private final long budget;
    /** locked bytes of all spares, counted only when {@link #budget} is bounded */
    private final AtomicLong reserved = new AtomicLong();

    IdleBudget(ProbeResult probe) {
        this.probe = probe;
        long limit = probe.lockLimitBytes();
        budget = limit == Long.MAX_VALUE || limit < 0 ? UNBOUNDED : limit / SHARE_OF_LOCK_LIMIT;
    }

    /**
     * Whether a chunk just emptied may stay as a spare. An unlocked one only where locking never works (kept,
     * its next buffer would be unlocked even once the limit has room again); a locked one always without a
     * lock limit, else when all spares' locked bytes stay within the budget (its bytes are then reserved).
     */
    boolean reserve(MappedChunk memory) {
        if (!memory.locked()) {
            return !probe.canLock();
        }
        if (budget == UNBOUNDED) {
            return true;
        }
        long bytes = memory.dataLength;
        for (long held = reserved.get(); held + bytes <= budget; held = reserved.get()) {
            if (reserved.compareAndSet(held, held + bytes)) {
                return true;
            }
        }
        return false;
    }

    /** A spare went back to work or was unmapped: its reservation ends. */
    void release(MappedChunk memory) {
        if (memory.locked() && budget != UNBOUNDED) {
            reserved.addAndGet(-memory.dataLength);
        }
    }

    /** @return the most locked bytes the spares may hold, {@link Long#MAX_VALUE} when not budgeted */
    long bytes() {
        return budget;
    }
}
