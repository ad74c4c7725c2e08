package org.lle.memory.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolConfigTest {

    @Test
    void defaultsFollowTheCOriginal() {
        PoolConfig config = PoolConfig.defaults();
        for (PoolType type : PoolType.values()) {
            assertThat(config.type(type).sizeClasses()).isEqualTo(TypeConfig.DEFAULT_SIZE_CLASSES);
            assertThat(config.type(type).sizeClasses()).contains(16, 64, 128, 512, 4096, 16384);
            assertThat(config.type(type).largestClass()).isEqualTo(16384);
        }
        assertThat(config.defaultStrategy()).isEqualTo(AllocationStrategy.AUTOMATIC);
        assertThat(config.selection()).isEqualTo(PoolSelection.BEST_FIT);
        assertThat(config.leakDetection()).isEqualTo(LeakDetection.SIMPLE);
        assertThat(config.totalBudgetBytes()).isEqualTo(256L << 20);
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        PoolConfig config = PoolConfig.builder()
                .sizeClasses(PoolType.STRING, 16, 32, 64)
                .typeBudget(PoolType.STRING, 4096)
                .blocksPerPool(PoolType.STRING, 8)
                .poolsPerClass(PoolType.STRING, 3)
                .totalBudget(1 << 20)
                .emergencyReserve(0)
                .defaultStrategy(AllocationStrategy.PRIMARY_ONLY)
                .selection(PoolSelection.ROUND_ROBIN)
                .leakDetection(LeakDetection.PARANOID)
                .threadCacheSize(0)
                .build();
        assertThat(config.type(PoolType.STRING))
                .isEqualTo(new TypeConfig(List.of(16, 32, 64), 4096, 8, 3));
        assertThat(config.type(PoolType.BUFFER)).isEqualTo(TypeConfig.defaults());
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void typesAreCopiedAndUnmodifiable() {
        PoolConfig config = PoolConfig.defaults();
        assertThatThrownBy(() -> config.types().put(PoolType.TEMP, TypeConfig.defaults()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMissingTypeIsNamed() {
        EnumMap<PoolType, TypeConfig> types = new EnumMap<>(PoolType.class);
        types.put(PoolType.BUFFER, TypeConfig.defaults());
        assertThatThrownBy(() -> new PoolConfig(types, 1, 0, AllocationStrategy.AUTOMATIC,
                PoolSelection.BEST_FIT, LeakDetection.DISABLED, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENT");
    }

    @Test
    void badNumbersNameTheValueAndTheLimit() {
        assertThatThrownBy(() -> PoolConfig.builder().totalBudget(0).build())
                .hasMessageContaining("totalBudgetBytes").hasMessageContaining("0");
        assertThatThrownBy(() -> PoolConfig.builder().emergencyReserve(-5).build())
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> PoolConfig.builder().threadCacheSize(4097).build())
                .hasMessageContaining("4097").hasMessageContaining("4096");
        assertThatThrownBy(() -> PoolConfig.builder().sizeClasses(PoolType.TEMP, 512, 128))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> PoolConfig.builder().sizeClasses(PoolType.TEMP, 0))
                .hasMessageContaining("size class 0").hasMessageContaining(String.valueOf(TypeConfig.MAX_CLASS_BYTES));
        assertThatThrownBy(() -> PoolConfig.builder().sizeClasses(PoolType.TEMP))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> PoolConfig.builder().poolsPerClass(PoolType.TEMP, 65))
                .hasMessageContaining("65").hasMessageContaining("1..64");
        assertThatThrownBy(() -> PoolConfig.builder().blocksPerPool(PoolType.TEMP, 0))
                .hasMessageContaining("blocksPerPool");
        assertThatThrownBy(() -> PoolConfig.builder().typeBudget(PoolType.TEMP, -1))
                .hasMessageContaining("budgetBytes");
        assertThatThrownBy(() -> PoolConfig.builder().selection(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("selection");
    }

    @Test
    void statsSumAndCountFallbacks() {
        PoolStats a = new PoolStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        PoolStats sum = a.plus(a);
        assertThat(sum).isEqualTo(new PoolStats(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28));
        assertThat(a.fallbacks()).isEqualTo(9 + 10 + 11);
        assertThat(PoolStats.EMPTY.plus(a)).isEqualTo(a);
    }

    @Test
    void withoutAnImplementationTheErrorSaysWhatToAdd() {
        assertThatThrownBy(MemoryPools::create)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lle-memory-pool");
    }
}
