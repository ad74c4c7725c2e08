package org.lle.memory.pool;

import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;
import org.lle.memory.pool.spi.MemoryPoolSystemFactory;

/**
 * Plain-classpath entry point. In OSGi, bind the {@link MemoryPoolSystem} service instead.
 */
public final class MemoryPools {
    private MemoryPools() {
    }

    /** @return a new system with {@link PoolConfig#defaults()} */
    public static MemoryPoolSystem create() {
        return create(PoolConfig.defaults());
    }

    /**
     * @return a new, active system built by the first {@link MemoryPoolSystemFactory} on the class path
     * @throws IllegalStateException when no implementation (the {@code lle-memory-pool} jar) is present
     */
    public static MemoryPoolSystem create(PoolConfig config) {
        Objects.requireNonNull(config, "config");
        Iterator<MemoryPoolSystemFactory> it = ServiceLoader
                .load(MemoryPoolSystemFactory.class, MemoryPools.class.getClassLoader()).iterator();
        if (!it.hasNext()) {
            it = ServiceLoader.load(MemoryPoolSystemFactory.class).iterator();
        }
        if (!it.hasNext()) {
            throw new IllegalStateException("no " + MemoryPoolSystemFactory.class.getName()
                    + " found: put lle-memory-pool on the class path");
        }
        return it.next().create(config);
    }
}
