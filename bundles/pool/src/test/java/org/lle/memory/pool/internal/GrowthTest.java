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

/** With the defaults, a type grows to its byte budget in its own class: no block count stops it first. */
class GrowthTest {
    private static final int BUDGET_BLOCKS = (int) (TypeConfig.DEFAULT_BUDGET_BYTES / 64);

    @Test
    void defaultsHoldAsManySixtyFourByteStringsAsTheBudgetAllowsThenNameTheBudget() {
        PoolConfig defaults = PoolConfig.defaults();
        List<PoolBlock> live = new ArrayList<>(BUDGET_BLOCKS);
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(defaults)) {
            for (int i = 0; i < 500_000; i++) {
                live.add(p.allocate(PoolType.STRING, 64));
            }
            PoolStats half = p.stats(PoolType.STRING);
            assertThat(half.liveBlocks()).isEqualTo(500_000);
            assertThat(half.reservedBytes()).as("every block in the 64-byte class").isEqualTo(500_000L * 64);
            assertThat(half.secondaryFallbacks()).isZero();
            assertThat(half.emergencyAllocations()).isZero();
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            // the pools hold the blocks plus at most a slab per pool of spare room
            assertThat(half.poolBytes()).isBetween(500_000L * 64,
                    500_000L * 64 + 2L * TypeConfig.DEFAULT_POOLS_PER_CLASS * SlotPool.SLAB_TARGET_BYTES);

            while (live.size() < BUDGET_BLOCKS) {
                live.add(p.allocate(PoolType.STRING, 64, AllocationStrategy.PRIMARY_ONLY));
            }
            assertThat(p.state()).as("the budget is full, not yet short").isEqualTo(MemoryState.ACTIVE);
            assertThat(live).allMatch(b -> b.capacity() == 64);
            assertThatThrownBy(() -> p.allocate(PoolType.STRING, 64, AllocationStrategy.SECONDARY_FALLBACK))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessage("cannot allocate 64 bytes of STRING with SECONDARY_FALLBACK: the STRING budget of "
                            + TypeConfig.DEFAULT_BUDGET_BYTES + " bytes is exhausted ("
                            + TypeConfig.DEFAULT_BUDGET_BYTES + " bytes held)");
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            // the default strategy then takes the emergency reserve, and other types still have their budget
            PoolBlock emergency = p.allocate(PoolType.STRING, 64);
            assertThat(p.stats(PoolType.STRING).emergencyAllocations()).isEqualTo(1);
            p.allocate(PoolType.HISTORY, 64).close();
            PoolStats full = p.stats(PoolType.STRING);
            assertThat(full.liveBlocks()).isEqualTo(BUDGET_BLOCKS + 1L);
            assertThat(full.secondaryFallbacks()).isZero();
            assertThat(full.failures()).isEqualTo(1);
            emergency.close();
            live.forEach(PoolBlock::close);
            live.clear();
            assertThat(p.stats(PoolType.STRING).liveBlocks()).isZero();
            p.allocate(PoolType.STRING, 64).close();
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
        }
    }

    @Test
    void aBlockCountIsASoftLimitThatPoolsGrowPastUpToTheBudget() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(8, 2)
                .typeBudget(PoolType.SYNTAX, 100 * 64).build())) {
            List<PoolBlock> live = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                live.add(p.allocate(PoolType.SYNTAX, 64));
            }
            PoolSizeClass sixtyFour = p.generation().types[PoolType.SYNTAX.ordinal()].classes[0];
            assertThat(sixtyFour.pools[0].outstanding() + sixtyFour.pools[1].outstanding()).isEqualTo(100);
            assertThat(sixtyFour.pools[0].outstanding()).as("past its soft limit of 8").isGreaterThan(8);
            assertThatThrownBy(() -> p.allocate(PoolType.SYNTAX, 64)).isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("SYNTAX budget of 6400 bytes");
            live.forEach(PoolBlock::close);
        }
    }
}
