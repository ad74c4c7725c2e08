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
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

class BudgetTest {

    @Test
    void overTheTypeBudgetNamesTypeSizeAndBudgetAndCorruptsNothing() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(100, 1)
                .typeBudget(PoolType.HISTORY, 1024 + 64).build())) {
            List<PoolBlock> blocks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                PoolBlock b = p.allocate(PoolType.HISTORY, 200);
                b.put(0, (byte) (i + 1));
                blocks.add(b);
            }
            PoolStats before = p.stats(PoolType.HISTORY);
            assertThatThrownBy(() -> p.allocate(PoolType.HISTORY, 200))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("200 bytes of HISTORY")
                    .hasMessageContaining("HISTORY budget of 1088 bytes")
                    .satisfies(e -> {
                        MemoryBudgetExceededException m = (MemoryBudgetExceededException) e;
                        assertThat(m.type()).isEqualTo(PoolType.HISTORY);
                        assertThat(m.requestedBytes()).isEqualTo(200);
                        assertThat(m.budgetBytes()).isEqualTo(1088);
                    });
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            PoolStats after = p.stats(PoolType.HISTORY);
            assertThat(after).isEqualTo(new PoolStats(before.allocations(), before.frees(), before.liveBlocks(),
                    before.liveBytes(), before.peakBytes(), before.reservedBytes(), before.cacheHits(),
                    before.cacheMisses(), before.secondaryFallbacks(), before.emergencyAllocations(),
                    before.heapFallbacks(), before.failures() + 1, before.secondaryWasteBytes(), before.poolBytes()));
            for (int i = 0; i < 4; i++) {
                assertThat(blocks.get(i).get(0)).isEqualTo((byte) (i + 1));
            }
            // a smaller class still fits, other types are untouched
            p.allocate(PoolType.HISTORY, 1).close();
            p.allocate(PoolType.BUFFER, 1000).close();
            blocks.get(0).close();
            p.allocate(PoolType.HISTORY, 200).close();
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            blocks.subList(1, 4).forEach(PoolBlock::close);
            assertThat(p.ledger().held(PoolType.HISTORY.ordinal())).isZero();
        }
    }

    @Test
    void freeBlocksCachedByAThreadThatEndedDoNotHoldTheBudget() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(100, 1).threadCacheSize(8)
                .typeBudget(PoolType.HISTORY, 4 * 256).build())) {
            p.allocate(PoolType.BUFFER, 1).close(); // this thread is known to the system before the other one ends
            Thread helper = new Thread(() -> {
                List<PoolBlock> blocks = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    blocks.add(p.allocate(PoolType.HISTORY, 200));
                }
                blocks.forEach(PoolBlock::close); // into the helper's own cache, still counted as held
            });
            helper.start();
            helper.join();
            assertThat(p.ledger().held(PoolType.HISTORY.ordinal())).as("control: the ended thread's cache holds it")
                    .isEqualTo(4 * 256);

            p.allocate(PoolType.HISTORY, 200).close();

            assertThat(p.stats(PoolType.HISTORY).liveBlocks()).isZero();
        }
    }

    @Test
    void overTheTotalBudgetNamesTheTotal() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(100, 1).totalBudget(2048)
                .build())) {
            PoolBlock a = p.allocate(PoolType.BUFFER, 1024);
            PoolBlock b = p.allocate(PoolType.EVENT, 1000);
            assertThatThrownBy(() -> p.allocate(PoolType.STRING, 1))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("total budget of 2048 bytes")
                    .satisfies(e -> assertThat(((MemoryBudgetExceededException) e).budgetBytes()).isEqualTo(2048));
            assertThat(p.stats(PoolType.STRING).failures()).isEqualTo(1);
            assertThat(p.ledger().held(PoolType.STRING.ordinal())).isZero();
            assertThat(p.ledger().totalHeld()).isEqualTo(2048);
            a.close();
            b.close();
            assertThat(p.ledger().totalHeld()).isZero();
        }
    }

    @Test
    void cachedFreeBlocksCountAsHeldAndAreGivenBackUnderPressure() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(100, 1).threadCacheSize(8)
                .typeBudget(PoolType.TEMP, 256).build())) {
            PoolBlock small = p.allocate(PoolType.TEMP, 64);
            small.close(); // into this thread's cache: still held
            assertThat(p.ledger().held(PoolType.TEMP.ordinal())).isEqualTo(64);
            PoolBlock a = p.allocate(PoolType.TEMP, 64); // cache hit: no ledger change
            assertThat(p.ledger().held(PoolType.TEMP.ordinal())).isEqualTo(64);
            a.close();
            // 256-byte class needs the budget the cached 64-byte block holds: the thread lets it go
            PoolBlock big = p.allocate(PoolType.TEMP, 256, AllocationStrategy.PRIMARY_ONLY);
            assertThat(p.ledger().held(PoolType.TEMP.ordinal())).isEqualTo(256);
            assertThat(p.stats(PoolType.TEMP).failures()).isZero();
            big.close();
        }
    }

    @Test
    void secondaryFallbackStopsAtTheBudgetAndNeverSpillsBelowIt() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .typeBudget(PoolType.COMPLETION, 64 + 256).build())) {
            List<PoolBlock> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(p.allocate(PoolType.COMPLETION, 10, AllocationStrategy.SECONDARY_FALLBACK));
            }
            assertThat(held).allMatch(b -> b.capacity() == 64); // each past the soft limit of 1 block per pool
            assertThatThrownBy(() -> p.allocate(PoolType.COMPLETION, 10, AllocationStrategy.SECONDARY_FALLBACK))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("10 bytes of COMPLETION")
                    .hasMessageContaining("COMPLETION budget of 320 bytes");
            assertThat(p.ledger().held(PoolType.COMPLETION.ordinal())).isEqualTo(320);
            assertThat(p.stats(PoolType.COMPLETION).secondaryFallbacks()).isZero();
            held.forEach(PoolBlock::close);
        }
    }
}
