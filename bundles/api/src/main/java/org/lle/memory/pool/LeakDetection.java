package org.lle.memory.pool;

/** How much work the pool system spends on finding blocks that were never closed (as Netty's levels). */
public enum LeakDetection {
    /** No tracking; a leaked block is only counted at {@link MemoryPoolSystem#close()}. */
    DISABLED,
    /** Samples about one block in 128 and reports leaks without the allocation site. */
    SIMPLE,
    /** Samples about one block in 128 and records the allocation site. */
    ADVANCED,
    /** Tracks every block with its allocation site. For tests; costs on every allocation. */
    PARANOID
}
