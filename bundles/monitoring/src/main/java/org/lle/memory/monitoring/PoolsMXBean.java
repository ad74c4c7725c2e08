package org.lle.memory.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/** {@code org.lle.memory:type=Pools}: the memory pool system as a whole. */
@ProviderType
public interface PoolsMXBean extends PoolCounters {
    /** @return the {@link org.lle.memory.pool.MemoryState} name, e.g. {@code ACTIVE} or {@code LOW_MEMORY} */
    String getState();

    /** @return bytes set aside for emergency allocations (not counted against the budgets) */
    long getEmergencyReserveBytes();

    /** @return the default allocation strategy's name */
    String getDefaultStrategy();
}
