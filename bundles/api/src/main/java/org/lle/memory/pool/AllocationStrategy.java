package org.lle.memory.pool;

/** Where an allocation may take its memory from. */
public enum AllocationStrategy {
    /** Only the size class chosen for the request; exhausted means failure. */
    PRIMARY_ONLY,
    /** The chosen size class, then larger classes of the same type. */
    SECONDARY_FALLBACK,
    /** Only the emergency reserve; moves the system to {@link MemoryState#LOW_MEMORY}. */
    EMERGENCY_ONLY,
    /**
     * Chosen per request by size and pressure: primary, then secondary, then the emergency reserve
     * once the pools of the type are exhausted.
     */
    AUTOMATIC
}
