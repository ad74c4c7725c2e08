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

    /**
     * Creates a pool system with the default configuration, as {@link #create(PoolConfig)} with
     * {@link PoolConfig#defaults()}.
     *
     * @return a new, active system; the caller owns it and closes it
     * @throws IllegalStateException when no implementation (the {@code lle-memory-pool} jar) is present
     */
    public static MemoryPoolSystem create() {
        return create(PoolConfig.defaults());
    }

    /**
     * Creates a pool system with the given configuration. Each call makes a new, independent system with its
     * own pools and budgets.
     *
     * @param config the configuration, not {@code null}; build one with {@link PoolConfig#builder()}
     * @return a new, active system built by the first {@link MemoryPoolSystemFactory} on the class path; the
     *         caller owns it and closes it
     * @throws NullPointerException when {@code config} is {@code null}
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
