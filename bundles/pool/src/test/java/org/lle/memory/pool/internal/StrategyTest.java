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
    void primaryOnlyFailsWhenItsClassIsFullEvenIfLargerClassesAreFree() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(2, 1).build())) {
            PoolBlock a = p.allocate(PoolType.EVENT, 60, AllocationStrategy.PRIMARY_ONLY);
            PoolBlock b = p.allocate(PoolType.EVENT, 60, AllocationStrategy.PRIMARY_ONLY);
            assertThat(a.capacity()).isEqualTo(64);
            assertThatThrownBy(() -> p.allocate(PoolType.EVENT, 60, AllocationStrategy.PRIMARY_ONLY))
                    .isInstanceOf(MemoryBudgetExceededException.class)
                    .hasMessageContaining("60 bytes of EVENT").hasMessageContaining("PRIMARY_ONLY")
                    .hasMessageContaining("full");
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
    void secondaryFallbackTakesTheNextLargerClassAndCountsIt() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1).build())) {
            PoolBlock a = p.allocate(PoolType.STRING, 50, AllocationStrategy.SECONDARY_FALLBACK);
            PoolBlock b = p.allocate(PoolType.STRING, 50, AllocationStrategy.SECONDARY_FALLBACK);
            PoolBlock c = p.allocate(PoolType.STRING, 50, AllocationStrategy.SECONDARY_FALLBACK);
            assertThat(List.of(a.capacity(), b.capacity(), c.capacity())).containsExactly(64, 256, 1024);
            assertThat(b.size()).isEqualTo(50);
            assertThatThrownBy(() -> p.allocate(PoolType.STRING, 50, AllocationStrategy.SECONDARY_FALLBACK))
                    .isInstanceOf(MemoryBudgetExceededException.class);
            PoolStats s = p.stats(PoolType.STRING);
            assertThat(s.secondaryFallbacks()).isEqualTo(2);
            assertThat(s.emergencyAllocations()).isZero();
            assertThat(s.reservedBytes()).isEqualTo(64 + 256 + 1024);
            assertThat(s.liveBytes()).isEqualTo(150);
            assertThat(s.failures()).isEqualTo(1);
            a.close();
            b.close();
            c.close();
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
    void automaticGoesPrimarySecondaryThenEmergencyAndRecovers() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .emergencyReserve(64).defaultStrategy(AllocationStrategy.AUTOMATIC).build())) {
            PoolBlock a = p.allocate(PoolType.SYNTAX, 40);
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            PoolBlock b = p.allocate(PoolType.SYNTAX, 40);
            PoolBlock c = p.allocate(PoolType.SYNTAX, 40);
            assertThat(p.state()).isEqualTo(MemoryState.ACTIVE);
            PoolBlock d = p.allocate(PoolType.SYNTAX, 40); // every class full: the reserve
            assertThat(List.of(a.capacity(), b.capacity(), c.capacity(), d.capacity()))
                    .containsExactly(64, 256, 1024, 64);
            assertThat(p.state()).isEqualTo(MemoryState.LOW_MEMORY);
            assertThatThrownBy(() -> p.allocate(PoolType.SYNTAX, 40))
                    .isInstanceOf(MemoryBudgetExceededException.class).hasMessageContaining("AUTOMATIC");
            PoolStats s = p.stats(PoolType.SYNTAX);
            assertThat(s.secondaryFallbacks()).isEqualTo(2);
            assertThat(s.emergencyAllocations()).isEqualTo(1);
            assertThat(s.fallbacks()).isEqualTo(3);
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
            c.close();
        }
    }

    @Test
    void automaticWithoutReserveFailsLikeSecondaryFallback() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .defaultStrategy(AllocationStrategy.AUTOMATIC).build())) {
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
                .defaultStrategy(AllocationStrategy.AUTOMATIC).build())) {
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
            held.forEach(PoolBlock::close);
            p.allocate(PoolType.EVENT, 1).close();
            assertThat(seen).containsExactly(MemoryState.LOW_MEMORY, MemoryState.ACTIVE);
            assertThat(p.stats(PoolType.EVENT).liveBlocks()).isZero();
        }
    }

    @Test
    void theDefaultStrategyIsUsedByTheTwoArgumentAllocate() {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1, 1)
                .defaultStrategy(AllocationStrategy.SECONDARY_FALLBACK).build())) {
            PoolBlock a = p.allocate(PoolType.BUFFER, 10);
            PoolBlock b = p.allocate(PoolType.BUFFER, 10);
            assertThat(b.capacity()).isEqualTo(256);
            a.close();
            b.close();
        }
    }
}
