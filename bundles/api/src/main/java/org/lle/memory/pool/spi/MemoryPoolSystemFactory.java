package org.lle.memory.pool.spi;

import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolConfig;
import org.osgi.annotation.versioning.ProviderType;

/** Creates pool systems; registered in {@code META-INF/services} by the implementation. */
@ProviderType
public interface MemoryPoolSystemFactory {
    /**
     * Creates a pool system; {@link org.lle.memory.pool.MemoryPools#create(PoolConfig)} calls it for hosts.
     *
     * @param config the configuration of the new system, not {@code null}
     * @return a new, {@link org.lle.memory.pool.MemoryState#ACTIVE} system that the caller owns and closes
     */
    MemoryPoolSystem create(PoolConfig config);
}
