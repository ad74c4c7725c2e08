package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;

/**
 * Two pools of four blocks, brought to an uneven fill (pool 0: one block out, pool 1: three out), then two
 * more allocations: each selection algorithm picks a different sequence of pools.
 */
class SelectionTest {

    private static List<Integer> picksAfterUnevenFill(PoolSelection selection) {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(4, 2)
                .selection(PoolSelection.FIRST_FIT).build())) {
            List<PoolBlock> blocks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                blocks.add(p.allocate(PoolType.EVENT, 10, AllocationStrategy.PRIMARY_ONLY));
            }
            // FIRST_FIT filled pool 0 with blocks 0..3 and pool 1 with 4..7
            assertThat(blocks.subList(0, 4)).allMatch(b -> ((PooledBlock) b).poolIndex() == 0);
            assertThat(blocks.subList(4, 8)).allMatch(b -> ((PooledBlock) b).poolIndex() == 1);
            blocks.get(0).close();
            blocks.get(1).close();
            blocks.get(2).close();
            blocks.get(4).close();
            p.reconfigure(p.config().toBuilder().selection(selection).build());
            List<Integer> picks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                PoolBlock b = p.allocate(PoolType.EVENT, 10, AllocationStrategy.PRIMARY_ONLY);
                picks.add(((PooledBlock) b).poolIndex());
            }
            return picks;
        }
    }

    @Test
    void firstFitTakesTheFirstPoolWithRoom() {
        assertThat(picksAfterUnevenFill(PoolSelection.FIRST_FIT)).containsExactly(0, 0, 0);
    }

    @Test
    void bestFitPacksTheTightestPoolFirst() {
        // pool 1 has one free block left: it is taken first, then pool 0 is the only one with room
        assertThat(picksAfterUnevenFill(PoolSelection.BEST_FIT)).containsExactly(1, 0, 0);
    }

    @Test
    void leastUsedBalancesTowardsTheEmptierPool() {
        // pool 0 holds 1 block, pool 1 holds 3: pool 0 until both hold 3, then ties go to pool 0
        assertThat(picksAfterUnevenFill(PoolSelection.LEAST_USED)).containsExactly(0, 0, 0);
    }

    @Test
    void roundRobinAlternatesWhateverTheFill() {
        List<Integer> picks = picksAfterUnevenFill(PoolSelection.ROUND_ROBIN);
        assertThat(picks.get(0)).isNotEqualTo(picks.get(1));
        assertThat(picks.get(1)).isNotEqualTo(picks.get(2));
    }

    @Test
    void leastUsedAndFirstFitDifferOnAFreshSystem() {
        assertThat(freshPicks(PoolSelection.LEAST_USED)).containsExactly(0, 1, 0, 1);
        assertThat(freshPicks(PoolSelection.FIRST_FIT)).containsExactly(0, 0, 0, 0);
        assertThat(freshPicks(PoolSelection.BEST_FIT)).containsExactly(0, 0, 0, 0);
        assertThat(freshPicks(PoolSelection.ROUND_ROBIN)).containsExactly(0, 1, 0, 1);
    }

    private static List<Integer> freshPicks(PoolSelection selection) {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(4, 2).selection(selection)
                .build())) {
            List<Integer> picks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                picks.add(((PooledBlock) p.allocate(PoolType.EVENT, 10)).poolIndex());
            }
            return picks;
        }
    }

    @Test
    void everyAlgorithmFallsOverToAnotherPoolWhenItsChoiceIsFull() {
        for (PoolSelection selection : PoolSelection.values()) {
            try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(2, 3)
                    .selection(selection).build())) {
                int[] perPool = new int[3];
                for (int i = 0; i < 6; i++) {
                    perPool[((PooledBlock) p.allocate(PoolType.EVENT, 10)).poolIndex()]++;
                }
                assertThat(perPool).as(selection.name()).containsExactly(2, 2, 2);
            }
        }
    }
}
