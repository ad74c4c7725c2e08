package org.lle.memory.pool.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;

class ConfigTranslatorTest {

    @Test
    void theAnnotationDefaultsAreThePoolConfigDefaults() {
        assertThat(ConfigTranslator.toPoolConfig(Configurations.of(Map.of()))).isEqualTo(PoolConfig.defaults());
    }

    @Test
    void blankListEntriesAsSavedByAMetatypeFormAreIgnored() {
        assertThat(ConfigTranslator.toPoolConfig(Configurations.of(Map.of("sizeClasses", new String[] {""},
                "typeBudgets", new String[] {" ", ""})))).isEqualTo(PoolConfig.defaults());
    }

    @Test
    void everyAttributeIsApplied() {
        PoolConfig c = ConfigTranslator.toPoolConfig(Configurations.of(Map.of(
                "sizeClasses", new String[] {"*=64,256", "BUFFER=128, 512,4096,16384,65536"},
                "typeBudgets", new String[] {"HISTORY=8388608"},
                "totalBudgetBytes", 1L << 30,
                "emergencyReserveBytes", 0L,
                "blocksPerPool", 16,
                "poolsPerClass", 3,
                "defaultStrategy", "secondary_fallback",
                "selection", "ROUND_ROBIN",
                "leakDetection", "PARANOID",
                "threadCacheSize", 0)));
        assertThat(c.type(PoolType.BUFFER).sizeClasses()).containsExactly(128, 512, 4096, 16384, 65536);
        assertThat(c.type(PoolType.EVENT).sizeClasses()).containsExactly(64, 256);
        assertThat(c.type(PoolType.HISTORY).budgetBytes()).isEqualTo(8388608);
        assertThat(c.type(PoolType.EVENT).budgetBytes()).isEqualTo(64L << 20);
        assertThat(c.type(PoolType.TEMP).blocksPerPool()).isEqualTo(16);
        assertThat(c.type(PoolType.TEMP).poolsPerClass()).isEqualTo(3);
        assertThat(c.totalBudgetBytes()).isEqualTo(1L << 30);
        assertThat(c.emergencyReserveBytes()).isZero();
        assertThat(c.defaultStrategy()).isEqualTo(AllocationStrategy.SECONDARY_FALLBACK);
        assertThat(c.selection()).isEqualTo(PoolSelection.ROUND_ROBIN);
        assertThat(c.leakDetection()).isEqualTo(LeakDetection.PARANOID);
        assertThat(c.threadCacheSize()).isZero();
    }

    @Test
    void badValuesAreNamedWithWhatIsAllowed() {
        List<Object[]> cases = List.of(
                new Object[] {"sizeClasses", new String[] {"BUFER=128"}, "BUFER"},
                new Object[] {"sizeClasses", new String[] {"BUFFER"}, "not TYPE=value"},
                new Object[] {"sizeClasses", new String[] {"BUFFER=12x"}, "12x"},
                new Object[] {"sizeClasses", new String[] {"BUFFER=512,128"}, "strictly ascending"},
                new Object[] {"sizeClasses", new String[] {"BUFFER=0"}, "size class 0"},
                new Object[] {"typeBudgets", new String[] {"EVENT=-5"}, "-5"},
                new Object[] {"typeBudgets", new String[] {"EVENT=lots"}, "lots"},
                new Object[] {"totalBudgetBytes", 0L, "totalBudgetBytes must be > 0, got 0"},
                new Object[] {"emergencyReserveBytes", -1L, "got -1"},
                new Object[] {"blocksPerPool", 0, "blocksPerPool must be > 0, got 0"},
                new Object[] {"poolsPerClass", 65, "1..64, got 65"},
                new Object[] {"defaultStrategy", "FASTEST", "FASTEST"},
                new Object[] {"selection", "RANDOM", "RANDOM"},
                new Object[] {"leakDetection", "LOUD", "LOUD"},
                new Object[] {"threadCacheSize", 5000, "0..4096, got 5000"});
        for (Object[] c : cases) {
            assertThatThrownBy(() -> ConfigTranslator.toPoolConfig(Configurations.of(Map.of((String) c[0], c[1]))))
                    .as(c[0] + "=" + c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pool configuration")
                    .hasMessageContaining((String) c[2]);
        }
    }
}
