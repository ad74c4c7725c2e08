package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;

/**
 * Each thread has a home pool per class: threads that allocate at volume grow their own pools instead of
 * meeting at one pool's lock, while the selection keeps its meaning below the soft limits and the budget,
 * not a pool, still decides when a request is refused.
 */
class HomePoolTest {

    /** Runs {@code work} on a new thread (the second of the system, so its home is pool 1) and returns its result. */
    private static <T> T onSecondThread(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "second");
        t.start();
        t.join(60_000);
        assertThat(t.isAlive()).as("second thread finished").isFalse();
        if (failure.get() != null) {
            throw new AssertionError("second thread failed", failure.get());
        }
        return result.get();
    }

    private static List<Integer> poolsOf(DefaultMemoryPoolSystem p, int n, List<PoolBlock> keep) {
        List<Integer> pools = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PoolBlock b = p.allocate(PoolType.EVENT, 10);
            keep.add(b);
            pools.add(((PooledBlock) b).poolIndex());
        }
        return pools;
    }

    @Test
    void pastTheSoftLimitsEachThreadGrowsItsOwnHomePool() throws InterruptedException {
        // BEST_FIT, two pools with a soft limit of 2 blocks, no thread cache
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(2, 2)
                .selection(PoolSelection.BEST_FIT).build())) {
            List<PoolBlock> live = new ArrayList<>();
            assertThat(poolsOf(p, 4, live)).as("below the soft limits: the selection's order").containsExactly(0, 0, 1, 1);
            // both pools at their soft limit of 2: the second thread grows pool 1, this one pool 0 (before:
            // the least used pool grew, so the threads alternated over both pools and met at each one's lock)
            List<PoolBlock> second = new ArrayList<>();
            assertThat(onSecondThread(() -> poolsOf(p, 3, second))).containsExactly(1, 1, 1);
            assertThat(poolsOf(p, 3, live)).containsExactly(0, 0, 0);
            second.forEach(PoolBlock::close);
            live.forEach(PoolBlock::close);
        }
    }

    @Test
    void withTheDefaultsASecondThreadGrowsItsOwnPoolAndLeavesTheFreeBlocksOfTheFirst() throws InterruptedException {
        PoolConfig defaults = PoolConfig.defaults();
        int n = 3 * TypeConfigDefaults.BLOCKS_PER_POOL;
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(defaults)) {
            List<PoolBlock> first = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                first.add(p.allocate(PoolType.STRING, 64));
            }
            SlotPool pool0 = p.generation().types[PoolType.STRING.ordinal()].classes[2].pools[0];
            assertThat(pool0.blockSize).isEqualTo(64);
            // free blocks left in the slab this thread's home pool grew last, and the ones closed below
            first.subList(0, 100).forEach(PoolBlock::close);
            p.trim();
            int freeInPool0 = (int) (pool0.slabBytes() / 64) - pool0.outstanding();
            assertThat(freeInPool0).isGreaterThanOrEqualTo(100);
            List<PoolBlock> second = new ArrayList<>();
            int[] secondPerPool = onSecondThread(() -> {
                int[] perPool = new int[2];
                for (int i = 0; i < n; i++) {
                    PoolBlock b = p.allocate(PoolType.STRING, 64);
                    second.add(b);
                    perPool[((PooledBlock) b).poolIndex()]++;
                }
                return perPool;
            });
            // far below the budget: the second thread's blocks all come from its own pool, whose memory only it
            // reuses (before: it took pool 0's free blocks first, memory the first thread had just written)
            assertThat(secondPerPool).as("the second thread's blocks by pool").containsExactly(0, n);
            second.forEach(PoolBlock::close);
            first.subList(100, n).forEach(PoolBlock::close);
            assertThat(p.stats(PoolType.STRING).liveBlocks()).isZero();
        }
    }

    @Test
    void onceTheSlabsFillTheBudgetAThreadTakesOtherPoolsFreeBlocksBeforeItsPoolGrows() throws InterruptedException {
        int slabBlocks = SlotPool.MAX_SLOTS_PER_SLAB; // 64-byte blocks: one 64 KiB slab
        int budgetBlocks = 4 * slabBlocks;
        // two pools, soft limit one slab, no thread cache, a budget of four slabs
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(slabBlocks, 2)
                .typeBudget(PoolType.EVENT, budgetBlocks * 64L).build())) {
            List<PoolBlock> live = new ArrayList<>();
            poolsOf(p, budgetBlocks, live);
            long slabBytes = p.generation().types[PoolType.EVENT.ordinal()].classes[0].pools[0].slabBytes()
                    + p.generation().types[PoolType.EVENT.ordinal()].classes[0].pools[1].slabBytes();
            assertThat(slabBytes).as("the budget, in slabs").isEqualTo(budgetBlocks * 64L);
            live.forEach(PoolBlock::close);
            List<PoolBlock> second = new ArrayList<>();
            List<Integer> pools = onSecondThread(() -> poolsOf(p, budgetBlocks, second));
            // the second thread's home pool (1) holds one slab: then it must take pool 0's free blocks, not grow
            assertThat(pools.stream().filter(i -> i == 0).count()).isEqualTo(budgetBlocks - slabBlocks);
            long after = p.generation().types[PoolType.EVENT.ordinal()].classes[0].pools[0].slabBytes()
                    + p.generation().types[PoolType.EVENT.ordinal()].classes[0].pools[1].slabBytes();
            assertThat(after).as("no slab past the budget while free blocks were there").isEqualTo(slabBytes);
            second.forEach(PoolBlock::close);
        }
    }

    @Test
    void tiesInTheSelectionGoToTheThreadsHome() throws InterruptedException {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(4, 2)
                .selection(PoolSelection.BEST_FIT).build())) {
            p.allocate(PoolType.EVENT, 10).close(); // this thread's home is 0; both pools empty again
            List<PoolBlock> second = new ArrayList<>();
            assertThat(onSecondThread(() -> poolsOf(p, 1, second))).as("equal fill: home first").containsExactly(1);
            List<PoolBlock> live = new ArrayList<>();
            // pool 1 now holds one: BEST_FIT packs it, whatever the home
            assertThat(poolsOf(p, 1, live)).containsExactly(1);
            second.forEach(PoolBlock::close);
            live.forEach(PoolBlock::close);
        }
    }

    @Test
    void firstFitKeepsConfigurationOrderWhateverTheHome() throws InterruptedException {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(4, 2).build())) {
            p.allocate(PoolType.EVENT, 10).close();
            List<PoolBlock> second = new ArrayList<>();
            assertThat(onSecondThread(() -> poolsOf(p, 5, second))).containsExactly(0, 0, 0, 0, 1);
            second.forEach(PoolBlock::close);
        }
    }

    @Test
    void aSecondThreadIsRefusedOnlyAtTheBudgetWhateverItsHome() throws InterruptedException {
        int budgetBlocks = 100;
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(8, 2)
                .selection(PoolSelection.BEST_FIT).typeBudget(PoolType.EVENT, budgetBlocks * 64L).build())) {
            List<PoolBlock> live = new ArrayList<>();
            poolsOf(p, 10, live);
            List<PoolBlock> second = new ArrayList<>();
            onSecondThread(() -> poolsOf(p, budgetBlocks - 10, second));
            assertThat(p.stats(PoolType.EVENT).liveBlocks()).isEqualTo(budgetBlocks);
            assertThatThrownBy(() -> p.allocate(PoolType.EVENT, 10)).isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("EVENT budget of 6400 bytes");
            live.forEach(PoolBlock::close);
            second.forEach(PoolBlock::close);
        }
    }

    /** The default soft limit, named here so the volume above is clearly past both pools' limits. */
    private static final class TypeConfigDefaults {
        static final int BLOCKS_PER_POOL = org.lle.memory.pool.TypeConfig.DEFAULT_BLOCKS_PER_POOL;
    }
}
