package org.lle.memory.pool;

/**
 * How much work the pool system spends on finding blocks that were never closed (as Netty's levels). A tracked
 * block that the garbage collector finds unreachable while still open is reported as a leak.
 */
public enum LeakDetection {
    /** No tracking; a leaked block is only counted at {@link MemoryPoolSystem#close()}. */
    DISABLED,
    /** Tracks one allocation in 128 of each thread and reports its leaks without the allocation site. */
    SIMPLE,
    /** Tracks one allocation in 128 of each thread and reports its leaks with the allocation site. */
    ADVANCED,
    /** Tracks every block with its allocation site. For tests; costs on every allocation. */
    PARANOID
}
