package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/**
 * What a thread keeps after closing many blocks of one class with the defaults: up to
 * {@link PoolConfig#DEFAULT_THREAD_CACHE_SIZE} blocks, and never more than {@link PoolSizeClass#MAX_CACHE_BYTES}
 * of them, so a cache of large blocks holds no more than a few of them. Cached blocks count as held, so the held
 * bytes after every block closed are what the cache kept.
 */
class ThreadCacheBoundTest {

    @ParameterizedTest(name = "{0}-byte blocks")
    @ValueSource(ints = {64, 1024, 16384})
    void aThreadKeepsAtMostTheCountAndAtMost64KiBOfAClass(int blockSize) {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            int t = PoolType.BUFFER.ordinal();
            List<PoolBlock> blocks = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                blocks.add(p.allocate(PoolType.BUFFER, blockSize));
            }
            blocks.forEach(PoolBlock::close);
            long kept = p.ledger().held(t);
            long bound = Math.min((long) PoolConfig.DEFAULT_THREAD_CACHE_SIZE * blockSize, PoolSizeClass.MAX_CACHE_BYTES);
            assertThat(kept).as("bytes the closing thread kept").isPositive().isLessThanOrEqualTo(bound);
            // more than half the bound stays: a cache that overflows keeps its newer half
            assertThat(kept).as("a cache that kept next to nothing would refill at every allocation")
                    .isGreaterThanOrEqualTo(bound / 2);
        }
    }
}
