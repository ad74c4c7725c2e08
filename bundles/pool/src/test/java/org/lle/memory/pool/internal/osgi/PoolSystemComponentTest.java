package org.lle.memory.pool.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;

/** The component's life cycle as SCR drives it: activate, modified, deactivate. */
class PoolSystemComponentTest {

    @Test
    void modifiedAppliesTheNewConfigurationWithoutLosingLiveBlocks() {
        PoolSystemComponent c = new PoolSystemComponent(Configurations.of(Map.of("selection", "FIRST_FIT")), Map.of());
        assertThat(c.state()).isEqualTo(MemoryState.ACTIVE);
        assertThat(c.config().selection()).isEqualTo(PoolSelection.FIRST_FIT);
        PoolBlock live = c.allocate(PoolType.HISTORY, 300);
        live.put(299, (byte) 3);
        c.modified(Configurations.of(Map.of("sizeClasses", new String[] {"HISTORY=1024"}, "selection", "LEAST_USED")),
                Map.of());
        assertThat(c.config().selection()).isEqualTo(PoolSelection.LEAST_USED);
        assertThat(c.config().type(PoolType.HISTORY).sizeClasses()).containsExactly(1024);
        assertThat(live.isClosed()).isFalse();
        assertThat(live.get(299)).isEqualTo((byte) 3);
        assertThat(c.allocate(PoolType.HISTORY, 10).capacity()).isEqualTo(1024);
        live.close();
        assertThat(c.stats(PoolType.HISTORY).frees()).isEqualTo(1);
        c.deactivate();
        assertThat(c.state()).isEqualTo(MemoryState.SHUTDOWN);
        assertThatThrownBy(() -> c.allocate(PoolType.HISTORY, 10)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBadChangeKeepsThePreviousConfiguration() {
        PoolSystemComponent c = new PoolSystemComponent(Configurations.of(Map.of("threadCacheSize", 7)), Map.of());
        c.modified(Configurations.of(Map.of()), Map.of("threadCacheSize", -1));
        assertThat(c.config().threadCacheSize()).isEqualTo(7);
        assertThat(c.state()).isEqualTo(MemoryState.ACTIVE);
        c.deactivate();
    }

    @Test
    void aBadConfigurationAtActivationRunsWithTheDefaults() {
        PoolSystemComponent c = new PoolSystemComponent(Configurations.of(Map.of()),
                Map.of("selection", "SOMETIMES", "threadCacheSize", 7));
        assertThat(c.config()).isEqualTo(org.lle.memory.pool.PoolConfig.defaults());
        assertThat(c.allocate(PoolType.BUFFER, 10).size()).isEqualTo(10);
        c.deactivate();
    }

    @Test
    void consumersCannotCloseTheSharedService() {
        PoolSystemComponent c = new PoolSystemComponent(Configurations.of(Map.of()), Map.of());
        assertThatThrownBy(c::close).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("life cycle");
        assertThat(c.state()).isEqualTo(MemoryState.ACTIVE);
        c.addStateListener((a, b) -> { });
        assertThat(c.totalStats().allocations()).isZero();
        assertThat(c.allocate(PoolType.CUSTOM, 1, org.lle.memory.pool.AllocationStrategy.PRIMARY_ONLY).size())
                .isEqualTo(1);
        c.deactivate();
    }
}
