package org.lle.memory.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lle.memory.pool.MemoryState.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MemoryStateTest {

    /** The table, written out independently of the enum's switch. */
    private static final Map<MemoryState, Set<MemoryState>> LEGAL = Map.of(
            INITIALIZING, EnumSet.of(ACTIVE, ERROR),
            ACTIVE, EnumSet.of(OPTIMIZING, GC_RUNNING, LOW_MEMORY, ERROR, SHUTDOWN),
            OPTIMIZING, EnumSet.of(ACTIVE, ERROR),
            GC_RUNNING, EnumSet.of(ACTIVE, ERROR),
            LOW_MEMORY, EnumSet.of(ACTIVE, ERROR, SHUTDOWN),
            ERROR, EnumSet.of(SHUTDOWN),
            SHUTDOWN, EnumSet.noneOf(MemoryState.class));

    @ParameterizedTest
    @EnumSource(MemoryState.class)
    void everyTransitionIsLegalExactlyWhenTheTableSaysSo(MemoryState from) {
        for (MemoryState to : MemoryState.values()) {
            assertThat(from.canTransitionTo(to))
                    .as("%s -> %s", from, to)
                    .isEqualTo(LEGAL.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryState.class)
    void nullIsNeverATarget(MemoryState from) {
        assertThat(from.canTransitionTo(null)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(MemoryState.class)
    void onlyShutdownIsTerminal(MemoryState state) {
        assertThat(state.isTerminal()).isEqualTo(state == SHUTDOWN);
        assertThat(state.isTerminal()).isEqualTo(LEGAL.get(state).isEmpty());
    }
}
