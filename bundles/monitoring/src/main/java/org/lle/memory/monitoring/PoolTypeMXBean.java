package org.lle.memory.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/** {@code org.lle.memory:type=Pools,name=<TYPE>}: the pools of one {@link org.lle.memory.pool.PoolType}. */
@ProviderType
public interface PoolTypeMXBean extends PoolCounters {
    /** @return the {@link org.lle.memory.pool.PoolType} name */
    String getType();

    /** @return the size classes in bytes, ascending */
    int[] getSizeClasses();
}
