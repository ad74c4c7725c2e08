package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;

class ServiceLoaderTest {

    @Test
    void memoryPoolsCreateFindsThisImplementation() {
        PoolConfig config = PoolConfig.builder().selection(PoolSelection.ROUND_ROBIN).build();
        try (MemoryPoolSystem pools = MemoryPools.create(config)) {
            assertThat(pools).isInstanceOf(DefaultMemoryPoolSystem.class);
            assertThat(pools.state()).isEqualTo(MemoryState.ACTIVE);
            assertThat(pools.config()).isEqualTo(config);
            try (PoolBlock b = pools.allocate(PoolType.BUFFER, 100)) {
                b.put(99, (byte) 9);
                assertThat(b.get(99)).isEqualTo((byte) 9);
            }
            assertThat(pools.totalStats().allocations()).isEqualTo(1);
        }
        try (MemoryPoolSystem pools = MemoryPools.create()) {
            assertThat(pools.config()).isEqualTo(PoolConfig.defaults());
        }
    }
}
