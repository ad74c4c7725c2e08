package org.lle.memory.pool.internal;

import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/**
 * The pools in effect for one {@link PoolConfig}. A reconfiguration makes a new generation that keeps the
 * {@link TypePools} of every type whose {@link org.lle.memory.pool.TypeConfig} did not change.
 */
final class Generation {
    static final PoolType[] TYPES = PoolType.values();

    final PoolConfig config;
    /** Indexed by {@link PoolType#ordinal()}. */
    final TypePools[] types;

    Generation(PoolConfig config, Generation previous, SlabAccount account) {
        this.config = config;
        this.types = new TypePools[TYPES.length];
        for (PoolType type : TYPES) {
            int t = type.ordinal();
            TypePools old = previous == null ? null : previous.types[t];
            types[t] = old != null && old.config.equals(config.type(type)) ? old
                    : new TypePools(t, config.type(type), account);
        }
    }

    /** Retires the pools of {@code previous} that this generation does not keep. */
    void retireReplaced(Generation previous) {
        for (int t = 0; t < types.length; t++) {
            if (previous.types[t] != types[t]) {
                previous.types[t].retire();
            }
        }
    }

    void retireAll() {
        for (TypePools pools : types) {
            pools.retire();
        }
    }

    void sweep(boolean all) {
        for (TypePools pools : types) {
            pools.sweep(all);
        }
    }
}
