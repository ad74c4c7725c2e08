package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/** Blocks start on a cache line, so two threads' neighbouring blocks never share one (no false sharing). */
class SlabAlignmentTest {

    @Test
    void everyBlockOfALineMultipleClassStartsOnACacheLine() {
        PoolConfig config = PoolConfig.builder().sizeClasses(PoolType.EVENT, 64, 128, 4096).threadCacheSize(0).build();
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(config)) {
            List<PoolBlock> blocks = new ArrayList<>();
            for (int size : new int[] {64, 100, 4096}) {
                for (int i = 0; i < 50; i++) {
                    PoolBlock block = pools.allocate(PoolType.EVENT, size);
                    blocks.add(block);
                    assertThat(block.asByteBuffer().alignmentOffset(0, 64))
                            .as("block %d of %d bytes (class %d)", i, size, block.capacity()).isZero();
                }
            }
            blocks.forEach(PoolBlock::close);
        }
    }
}
