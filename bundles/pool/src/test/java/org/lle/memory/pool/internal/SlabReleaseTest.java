package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;

/**
 * Pools hand slabs back once they stayed empty for the idle time, keep one spare slab per pool, and grow again
 * on demand. The clock is the test's, so "stayed empty" is decided by the test, not by how fast CI runs.
 */
class SlabReleaseTest {
    private static final long IDLE = TimeUnit.SECONDS.toNanos(2);
    private static final int BLOCKS = 100_000;
    private static final long SPARE_PER_TYPE = (long) TypeConfig.DEFAULT_POOLS_PER_CLASS
            * SlabAccount.SPARE_EMPTY_SLABS * SlotPool.SLAB_TARGET_BYTES;

    @Test
    void emptySlabsAreHandedBackOnlyAfterStayingEmptyAndTheirMemoryIsFreed() throws InterruptedException {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            p.slabs().setClock(clock::get, IDLE);
            long directBefore = directBytes();
            List<PoolBlock> live = new ArrayList<>(BLOCKS);
            for (int i = 0; i < BLOCKS; i++) {
                live.add(p.allocate(PoolType.HISTORY, 64));
            }
            long grown = p.stats(PoolType.HISTORY).poolBytes();
            assertThat(grown).isGreaterThanOrEqualTo(BLOCKS * 64L);
            assertThat(directBytes() - directBefore).as("the slabs are direct memory").isGreaterThanOrEqualTo(grown);

            live.forEach(PoolBlock::close);
            live.clear();
            clock.addAndGet(IDLE - 1);
            assertThat(p.stats(PoolType.HISTORY).poolBytes()).as("hysteresis: not empty long enough yet")
                    .isEqualTo(grown);

            clock.addAndGet(1 + IDLE / 4); // sweeps run at most four times per idle time
            long after = p.stats(PoolType.HISTORY).poolBytes();
            // what is left: a spare slab per pool, and the slabs of the blocks this thread's cache holds
            assertThat(after).isLessThanOrEqualTo(SPARE_PER_TYPE + PoolConfig.DEFAULT_THREAD_CACHE_SIZE
                    * (long) SlotPool.SLAB_TARGET_BYTES);
            assertThat(after).isLessThan(grown / 10);
            // the JVM frees the released slabs' memory once the GC finds them unreachable
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long direct;
            do {
                System.gc();
                direct = directBytes() - directBefore;
            } while (direct > after + SPARE_PER_TYPE && System.nanoTime() < deadline && pause());
            assertThat(direct).as("direct memory after the GC").isLessThanOrEqualTo(after + SPARE_PER_TYPE);

            // and the pools grow again on demand
            for (int i = 0; i < BLOCKS; i++) {
                live.add(p.allocate(PoolType.HISTORY, 64));
            }
            assertThat(p.stats(PoolType.HISTORY).poolBytes()).isGreaterThanOrEqualTo(BLOCKS * 64L);
            assertThat(live).allMatch(b -> b.capacity() == 64);
            live.forEach(PoolBlock::close);
        }
    }

    @Test
    void aSpareSlabStaysSoAClassSwingingAroundASlabBoundaryKeepsItsMemory() {
        AtomicLong clock = new AtomicLong(1L);
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1 << 20, 1).build())) {
            p.slabs().setClock(clock::get, IDLE);
            int perSlab = SlotPool.SLAB_TARGET_BYTES / 64;
            List<PoolBlock> live = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < perSlab + 1; i++) { // one slab and one block of the next
                    live.add(p.allocate(PoolType.EVENT, 64));
                }
                long held = p.stats(PoolType.EVENT).poolBytes();
                assertThat(held).isEqualTo(2L * SlotPool.SLAB_TARGET_BYTES);
                live.forEach(PoolBlock::close);
                live.clear();
                clock.addAndGet(IDLE + IDLE / 4);
                assertThat(p.stats(PoolType.EVENT).poolBytes()).as("round %d: one slab spare", round)
                        .isEqualTo(SlotPool.SLAB_TARGET_BYTES);
            }
        }
    }

    @Test
    void trimHandsBackEveryEmptySlabAtOnce() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1 << 20, 1).build())) {
            List<PoolBlock> live = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                live.add(p.allocate(PoolType.TEMP, 200));
            }
            PoolBlock kept = live.remove(0);
            live.forEach(PoolBlock::close);
            assertThat(p.stats(PoolType.TEMP).poolBytes()).isGreaterThan(5000L * 200);
            p.trim();
            assertThat(p.stats(PoolType.TEMP).poolBytes()).as("only the slab of the open block")
                    .isEqualTo(SlotPool.SLAB_TARGET_BYTES);
            kept.close();
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(100); // polling a condition under a deadline, not deciding an outcome
        return true;
    }

    private static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool bean");
    }
}
