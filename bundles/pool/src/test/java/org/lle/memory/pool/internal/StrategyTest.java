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

class StrategyTest {

    @Test
    void primaryOnlyFailsWhenItsClassCannotGrowInsideTheBudget() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .typeBudget(PoolType.EVENT, 128).build())) {
            PoolBlock a = p.allocate(PoolType.EVENT, 60, AllocationStrategy.PRIMARY_ONLY);
            PoolBlock b = p.allocate(PoolType.EVENT, 60, AllocationStrategy.PRIMARY_ONLY); // past the soft limit of 1
            assertThat(a.capacity()).isEqualTo(64);
            assertThat(b.capacity()).isEqualTo(64);
            assertThatThrownBy(() -> p.allocate(PoolType.EVENT, 60, AllocationStrategy.PRIMARY_ONLY))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("60 bytes of EVENT").hasMessageContaining("PRIMARY_ONLY")
                    .hasMessageContaining("EVENT budget of 128 bytes");
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            PoolStats s = p.stats(PoolType.EVENT);
            assertThat(s.failures()).isEqualTo(1);
            assertThat(s.allocations()).isEqualTo(2);
            assertThat(s.secondaryFallbacks()).isZero();
            a.close();
            b.close();
        }
    }

    @Test
    void secondaryFallbackDoesNotSpillWhileThePrimaryClassCanGrow() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1).build())) {
            List<PoolBlock> held = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                held.add(p.allocate(PoolType.STRING, 50, AllocationStrategy.SECONDARY_FALLBACK));
            }
            assertThat(held).allMatch(b -> b.capacity() == 64);
            PoolStats s = p.stats(PoolType.STRING);
            assertThat(s.secondaryFallbacks()).isZero();
            assertThat(s.secondaryWasteBytes()).isZero();
            assertThat(s.reservedBytes()).isEqualTo(100 * 64);
            held.forEach(PoolBlock::close);
        }
    }

    @Test
    void emergencyOnlyUsesTheReserveMovesToLowMemoryAndFailsWhenItIsSpent() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(8, 1).emergencyReserve(256)
                .build())) {
            List<String> changes = new ArrayList<>();
            p.addStateListener((from, to) -> changes.add(from + "->" + to));
            PoolBlock a = p.allocate(PoolType.TEMP, 200, AllocationStrategy.EMERGENCY_ONLY);
            assertThat(a.capacity()).isEqualTo(256);
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            assertThat(p.reserve().used()).isEqualTo(256);
            assertThatThrownBy(() -> p.allocate(PoolType.TEMP, 10, AllocationStrategy.EMERGENCY_ONLY))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("emergency reserve of 256 bytes")
                    .satisfies(e -> assertThat(((MemoryBudgetExceededException) e).budgetBytes()).isEqualTo(256));
            PoolStats s = p.stats(PoolType.TEMP);
            assertThat(s.emergencyAllocations()).isEqualTo(1);
            assertThat(s.failures()).isEqualTo(1);
            assertThat(s.cacheHits()).isZero();
            a.close();
            assertThat(p.reserve().used()).isZero();
            // pressure dropped: the next regular allocation brings the system back
            p.allocate(PoolType.TEMP, 10).close();
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            assertThat(changes).containsExactly("ACTIVE->LOW_MEMORY", "LOW_MEMORY->ACTIVE");
        }
    }

    @Test
    void emergencyBlocksAreNotCountedAgainstTheBudgets() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(8, 1)
                .typeBudget(PoolType.TEMP, 64).emergencyReserve(1024).build())) {
            PoolBlock a = p.allocate(PoolType.TEMP, 64, AllocationStrategy.EMERGENCY_ONLY);
            assertThat(p.ledger().held(PoolType.TEMP.ordinal())).isZero();
            PoolBlock b = p.allocate(PoolType.TEMP, 64, AllocationStrategy.PRIMARY_ONLY);
            assertThat(p.ledger().held(PoolType.TEMP.ordinal())).isEqualTo(64);
            a.close();
            b.close();
        }
    }

    @Test
    void automaticGoesPrimaryThenEmergencyWhenTheBudgetIsSpentAndRecovers() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .typeBudget(PoolType.SYNTAX, 128).emergencyReserve(64)
                .defaultStrategy(AllocationStrategy.AUTOMATIC).build())) {
            PoolBlock a = p.allocate(PoolType.SYNTAX, 40);
            PoolBlock b = p.allocate(PoolType.SYNTAX, 40);
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            PoolBlock d = p.allocate(PoolType.SYNTAX, 40); // the budget is spent, no larger class fits it: the reserve
            assertThat(List.of(a.capacity(), b.capacity(), d.capacity())).containsExactly(64, 64, 64);
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            assertThatThrownBy(() -> p.allocate(PoolType.SYNTAX, 40))
                    .isInstanceOf(MemoryBudgetExceededException.class).hasMessageContaining("AUTOMATIC")
                    .hasMessageContaining("SYNTAX budget of 128 bytes");
            PoolStats s = p.stats(PoolType.SYNTAX);
            assertThat(s.secondaryFallbacks()).isZero();
            assertThat(s.emergencyAllocations()).isEqualTo(1);
            assertThat(s.fallbacks()).isEqualTo(1);
            assertThat(s.heapFallbacks()).isZero();
            assertThat(s.failures()).isEqualTo(1);
            a.close();
            // reserve still in use: a regular success is not enough to call the pressure gone
            PoolBlock e = p.allocate(PoolType.SYNTAX, 40);
            assertThat(e.capacity()).isEqualTo(64);
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            d.close();
            e.close();
            p.allocate(PoolType.SYNTAX, 40).close();
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            b.close();
        }
    }

    @Test
    void automaticWithoutReserveFailsLikeSecondaryFallback() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .typeBudget(PoolType.CUSTOM, 3 * 64).defaultStrategy(AllocationStrategy.AUTOMATIC).build())) {
            List<PoolBlock> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(p.allocate(PoolType.CUSTOM, 1));
            }
            assertThatThrownBy(() -> p.allocate(PoolType.CUSTOM, 1))
                    .isInstanceOf(MemoryBudgetExceededException.class);
            assertThat(p.stats(PoolType.CUSTOM).emergencyAllocations()).isZero();
            held.forEach(PoolBlock::close);
        }
    }

    @Test
    void aThrowingStateListenerDoesNotBreakAllocationUnderPressure() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1).emergencyReserve(64)
                .typeBudget(PoolType.EVENT, 3 * 64).defaultStrategy(AllocationStrategy.AUTOMATIC).build())) {
            List<MemoryState> seen = new ArrayList<>();
            p.addStateListener((from, to) -> {
                throw new IllegalStateException("listener bug");
            });
            p.addStateListener((from, to) -> seen.add(to));
            List<PoolBlock> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(p.allocate(PoolType.EVENT, 1)); // the 4th comes from the reserve
            }
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            assertThat(held.get(3).capacity()).isEqualTo(64);
            assertThat(p.stats(PoolType.EVENT).emergencyAllocations()).isEqualTo(1);
            held.forEach(PoolBlock::close);
            p.allocate(PoolType.EVENT, 1).close();
            assertThat(seen).containsExactly(MemoryState.LOW_MEMORY, MemoryState.ACTIVE);
            assertThat(p.stats(PoolType.EVENT).liveBlocks()).isZero();
        }
    }

    @Test
    void theDefaultStrategyIsUsedByTheTwoArgumentAllocate() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1).emergencyReserve(256)
                .defaultStrategy(AllocationStrategy.EMERGENCY_ONLY).build())) {
            PoolBlock a = p.allocate(PoolType.BUFFER, 10);
            assertThat(p.stats(PoolType.BUFFER).emergencyAllocations()).isEqualTo(1);
            assertThat(p.reserve().used()).isEqualTo(64);
            a.close();
        }
    }
}
