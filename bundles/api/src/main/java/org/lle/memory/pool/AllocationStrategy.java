package org.lle.memory.pool;

/** Where an allocation may take its memory from. */
public enum AllocationStrategy {
    /** Only the size class chosen for the request; when it cannot grow inside the budgets, failure. */
    PRIMARY_ONLY,
    /**
     * The chosen size class, then, when it cannot grow inside the budgets (or direct memory ran out), larger
     * classes of the same type; each such spill is counted with the bytes it wastes ({@link PoolStats}).
     */
    SECONDARY_FALLBACK,
    /** Only the emergency reserve; moves the system to {@link MemoryState#LOW_MEMORY}. */
    EMERGENCY_ONLY,
    /**
     * Chosen per request by size and pressure: primary, then secondary (as {@link #SECONDARY_FALLBACK}),
     * then the emergency reserve once the type's budget is spent.
     */
    AUTOMATIC
}
