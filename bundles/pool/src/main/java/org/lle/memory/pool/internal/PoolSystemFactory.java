package org.lle.memory.pool.internal;

import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.spi.MemoryPoolSystemFactory;

/** The plain-classpath entry, found by {@link java.util.ServiceLoader} through META-INF/services. */
public final class PoolSystemFactory implements MemoryPoolSystemFactory {
    @Override
    public MemoryPoolSystem create(PoolConfig config) {
        return new DefaultMemoryPoolSystem(config);
    }
}
