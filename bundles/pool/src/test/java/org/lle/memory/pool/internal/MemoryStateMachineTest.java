package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lle.memory.pool.MemoryState;

class MemoryStateMachineTest {
    /** The table, written out independently of {@link MemoryState#canTransitionTo}. */
    private static final Map<MemoryState, Set<MemoryState>> LEGAL = Map.of(
            MemoryState.INITIALIZING, EnumSet.of(MemoryState.ACTIVE, MemoryState.ERROR),
            MemoryState.ACTIVE, EnumSet.of(MemoryState.OPTIMIZING, MemoryState.GC_RUNNING, MemoryState.LOW_MEMORY,
                    MemoryState.ERROR, MemoryState.SHUTDOWN),
            MemoryState.OPTIMIZING, EnumSet.of(MemoryState.ACTIVE, MemoryState.ERROR),
            MemoryState.GC_RUNNING, EnumSet.of(MemoryState.ACTIVE, MemoryState.ERROR),
            MemoryState.LOW_MEMORY, EnumSet.of(MemoryState.ACTIVE, MemoryState.ERROR, MemoryState.SHUTDOWN),
            MemoryState.ERROR, EnumSet.of(MemoryState.SHUTDOWN),
            MemoryState.SHUTDOWN, EnumSet.noneOf(MemoryState.class));

    static Stream<Arguments> allPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (MemoryState from : MemoryState.values()) {
            for (MemoryState to : MemoryState.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    /** Drives a fresh machine into {@code target} along legal transitions. */
    static MemoryStateMachine machineIn(MemoryState target) {
        MemoryStateMachine m = new MemoryStateMachine();
        switch (target) {
            case INITIALIZING:
                break;
            case ERROR:
                m.transition(MemoryState.ERROR);
                break;
            case SHUTDOWN:
                m.transition(MemoryState.ACTIVE);
                m.transition(MemoryState.SHUTDOWN);
                break;
            default:
                m.transition(MemoryState.ACTIVE);
                if (target != MemoryState.ACTIVE) {
                    m.transition(target);
                }
        }
        assertThat(m.current()).isEqualTo(target);
        return m;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void everyTransitionIsAllowedExactlyWhenTheTableSaysSo(MemoryState from, MemoryState to) {
        MemoryStateMachine m = machineIn(from);
        List<String> seen = new ArrayList<>();
        m.addListener((a, b) -> seen.add(a + "->" + b));
        boolean legal = LEGAL.get(from).contains(to);
        assertThat(from.canTransitionTo(to)).isEqualTo(legal);
        if (legal) {
            m.transition(to);
            assertThat(m.current()).isEqualTo(to);
            assertThat(seen).containsExactly(from + "->" + to);
        } else {
            assertThatThrownBy(() -> m.transition(to))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(from.toString()).hasMessageContaining(to.toString());
            assertThat(m.current()).isEqualTo(from);
            assertThat(seen).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} -> {1} if in {0}")
    @MethodSource("allPairs")
    void conditionalTransitionsFollowTheSameTable(MemoryState from, MemoryState to) {
        MemoryStateMachine m = machineIn(from);
        if (LEGAL.get(from).contains(to)) {
            assertThat(m.transitionIfIn(from, to)).isTrue();
            assertThat(m.current()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> m.transitionIfIn(from, to)).isInstanceOf(IllegalStateException.class);
            assertThat(m.current()).isEqualTo(from);
        }
    }

    @Test
    void conditionalTransitionLosesQuietlyWhenTheStateMovedOn() {
        MemoryStateMachine m = machineIn(MemoryState.LOW_MEMORY);
        assertThat(m.transitionIfIn(MemoryState.ACTIVE, MemoryState.LOW_MEMORY)).isFalse();
        assertThat(m.current()).isEqualTo(MemoryState.LOW_MEMORY);
    }

    @Test
    void nullTargetIsRejected() {
        MemoryStateMachine m = new MemoryStateMachine();
        assertThatThrownBy(() -> m.transition(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("target");
        assertThatThrownBy(() -> m.addListener(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("listener");
    }

    @Test
    void aThrowingListenerNeitherStopsTheChangeNorTheOtherListeners() {
        MemoryStateMachine m = new MemoryStateMachine();
        List<MemoryState> seen = new ArrayList<>();
        m.addListener((a, b) -> {
            throw new IllegalStateException("listener bug");
        });
        m.addListener((a, b) -> seen.add(b));
        m.transition(MemoryState.ACTIVE);
        m.transition(MemoryState.LOW_MEMORY);
        assertThat(seen).containsExactly(MemoryState.ACTIVE, MemoryState.LOW_MEMORY);
        assertThat(m.current()).isEqualTo(MemoryState.LOW_MEMORY);
    }

    @Test
    void addingTwiceNotifiesOnceAndRemovedListenersHearNothing() {
        MemoryStateMachine m = new MemoryStateMachine();
        List<MemoryState> seen = new ArrayList<>();
        org.lle.memory.pool.MemoryStateListener l = (a, b) -> seen.add(b);
        m.addListener(l);
        m.addListener(l);
        m.transition(MemoryState.ACTIVE);
        m.removeListener(l);
        m.removeListener(l);
        m.removeListener(null);
        m.transition(MemoryState.SHUTDOWN);
        assertThat(seen).containsExactly(MemoryState.ACTIVE);
    }
}
