package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;

class ReconfigureTest {

    @Test
    void liveBlocksSurviveNewSizeClassesAndAreAccountedUntilClosed() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            List<String> changes = new ArrayList<>();
            p.addStateListener((from, to) -> changes.add(from + "->" + to));
            List<PoolBlock> old = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                PoolBlock b = p.allocate(PoolType.BUFFER, 3000);
                PoolConcurrencyTest.fill(b, i);
                old.add(b);
            }
            PoolConfig next = p.config().toBuilder().sizeClasses(PoolType.BUFFER, 256, 2048)
                    .typeBudget(PoolType.BUFFER, 10 * 4096 + 2048).build();
            p.reconfigure(next);
            assertThat(p.config()).isEqualTo(next);
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            assertThat(changes).containsExactly("ACTIVE->OPTIMIZING", "OPTIMIZING->ACTIVE");
            for (int i = 0; i < 10; i++) {
                PoolConcurrencyTest.check(old.get(i), i);
                assertThat(old.get(i).capacity()).isEqualTo(4096);
            }
            PoolBlock fresh = p.allocate(PoolType.BUFFER, 1000);
            assertThat(fresh.capacity()).isEqualTo(2048);
            assertThatThrownBy(() -> p.allocate(PoolType.BUFFER, 3000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1..2048");
            // the old blocks still count against the new budget: 10*4096 + 2048 is full
            assertThatThrownBy(() -> p.allocate(PoolType.BUFFER, 1, AllocationStrategy.PRIMARY_ONLY))
                    .isInstanceOf(MemoryBudgetExceededException.class);
            PoolStats s = p.stats(PoolType.BUFFER);
            assertThat(s.liveBlocks()).isEqualTo(11);
            assertThat(s.reservedBytes()).isEqualTo(10 * 4096 + 2048);
            // closing old blocks (here from another thread) returns their budget, slots are not reused
            Thread closer = new Thread(() -> old.forEach(PoolBlock::close));
            closer.start();
            closer.join();
            fresh.close();
            s = p.stats(PoolType.BUFFER);
            assertThat(s.liveBlocks()).isZero();
            assertThat(s.frees()).isEqualTo(11);
            assertThat(p.ledger().held(PoolType.BUFFER.ordinal())).isLessThanOrEqualTo(2048);
            PoolBlock again = p.allocate(PoolType.BUFFER, 3);
            assertThat(again.capacity()).isEqualTo(256);
            again.close();
        }
    }

    @Test
    void trimDropsFreeSlotsKeepsLiveOnesAndPassesThroughGcRunning() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.builder().threadCacheSize(4).build())) {
            List<String> changes = new ArrayList<>();
            p.addStateListener((from, to) -> changes.add(from + "->" + to));
            List<PoolBlock> blocks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                blocks.add(p.allocate(PoolType.EVENT, 100));
            }
            PooledBlock keep = (PooledBlock) blocks.remove(0);
            keep.put(5, (byte) 5);
            blocks.forEach(PoolBlock::close);
            SlotPool pool = keep.slab.pool;
            assertThat(p.ledger().held(PoolType.EVENT.ordinal())).isEqualTo(5 * 128); // keep + 4 cached
            p.trim();
            assertThat(changes).containsExactly("ACTIVE->GC_RUNNING", "GC_RUNNING->ACTIVE");
            assertThat(p.ledger().held(PoolType.EVENT.ordinal())).isEqualTo(128);
            assertThat(keep.get(5)).isEqualTo((byte) 5);
            long hitsBefore = p.stats(PoolType.EVENT).cacheHits();
            PooledBlock fresh = (PooledBlock) p.allocate(PoolType.EVENT, 100);
            assertThat(p.stats(PoolType.EVENT).cacheHits()).as("trim emptied the cache").isEqualTo(hitsBefore);
            fresh.close();
            keep.close();
            assertThat(p.stats(PoolType.EVENT).liveBlocks()).isZero();
            assertThat(pool.outstanding()).as("only what this thread's cache of 4 holds").isLessThanOrEqualTo(4);
            assertThat(p.ledger().held(PoolType.EVENT.ordinal())).isEqualTo(128L * pool.outstanding());
        }
    }

    @Test
    void unchangedTypesKeepTheirPoolsAndCaches() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PooledBlock before = (PooledBlock) p.allocate(PoolType.EVENT, 10);
            SlotPool pool = before.slab.pool;
            p.reconfigure(p.config().toBuilder().sizeClasses(PoolType.BUFFER, 64).build());
            PooledBlock after = (PooledBlock) p.allocate(PoolType.EVENT, 10);
            assertThat(after.slab.pool).isSameAs(pool);
            before.close();
            after.close();
            assertThat(pool.owner.isRetired()).isFalse();
        }
    }

    @Test
    void lowMemoryIsKeptAcrossAReconfigurationAndBudgetsGrowImmediately() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(10, 1)
                .typeBudget(PoolType.TEMP, 64).build())) {
            PoolBlock a = p.allocate(PoolType.TEMP, 64);
            assertThatThrownBy(() -> p.allocate(PoolType.TEMP, 64)).isInstanceOf(MemoryBudgetExceededException.class);
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            p.reconfigure(p.config().toBuilder().type(PoolType.TEMP,
                    new TypeConfig(List.of(64, 256, 1024), 1 << 20, 10, 1)).build());
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            PoolBlock b = p.allocate(PoolType.TEMP, 64);
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            a.close();
            b.close();
            assertThat(p.ledger().held(PoolType.TEMP.ordinal())).isZero();
        }
    }

    @Test
    void reconfiguringUnderConcurrentLoadLosesNothing() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            java.util.concurrent.atomic.AtomicLong allocated = new java.util.concurrent.atomic.AtomicLong();
            PoolConcurrencyTest.runAll(3, id -> {
                if (id == 0) {
                    for (int i = 0; i < 50; i++) {
                        int[] sizes = i % 2 == 0 ? new int[] {128, 512, 4096, 16384} : new int[] {256, 16384};
                        p.reconfigure(p.config().toBuilder().sizeClasses(PoolType.STRING, sizes)
                                .threadCacheSize(i % 3 * 8).build());
                        Thread.yield();
                    }
                    return;
                }
                List<PoolBlock> held = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    PoolBlock b = p.allocate(PoolType.STRING, 1 + i % 200);
                    allocated.incrementAndGet();
                    PoolConcurrencyTest.fill(b, i);
                    held.add(b);
                    if (held.size() > 8) {
                        PoolBlock out = held.remove(0);
                        PoolConcurrencyTest.check(out, i - 8);
                        out.close();
                    }
                }
                held.forEach(PoolBlock::close);
            });
            PoolStats s = p.stats(PoolType.STRING);
            assertThat(s.allocations()).isEqualTo(allocated.get());
            assertThat(s.frees()).isEqualTo(allocated.get());
            assertThat(s.liveBytes()).isZero();
            assertThat(s.reservedBytes()).isZero();
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
        }
    }
}
