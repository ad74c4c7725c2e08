package org.lle.memory.pool.internal;

import org.lle.memory.pool.PoolType;

/**
 * One leaked block.
 *
 * @param type its pool type
 * @param size its requested size
 * @param allocationSite where it was allocated, or {@code null} when the level does not record sites
 * @param atClose {@code true} when found open at system close, {@code false} when found by the GC
 */
public record LeakReport(PoolType type, int size, Throwable allocationSite, boolean atClose) {

    public String describe() {
        return "LEAK: a " + type + " block of " + size + " bytes was "
                + (atClose ? "still open when the pool system closed" : "garbage-collected without close()")
                + (allocationSite == null ? " (allocation site not recorded at this leak detection level;"
                        + " use ADVANCED or PARANOID to record it)" : "; allocated at:");
    }
}
