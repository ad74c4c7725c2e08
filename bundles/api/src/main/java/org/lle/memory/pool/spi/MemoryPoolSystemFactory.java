package org.lle.memory.pool.spi;

import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolConfig;
import org.osgi.annotation.versioning.ProviderType;

/** Creates pool systems; registered in {@code META-INF/services} by the implementation. */
@ProviderType
public interface MemoryPoolSystemFactory {
    /** @return a new, {@link org.lle.memory.pool.MemoryState#ACTIVE} system */
    MemoryPoolSystem create(PoolConfig config);
}
