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
    void everyBadRawValueIsRefusedNamingTheAttributeTheValueAndWhatIsAllowed() {
        for (BadAttributeValues.Case bad : BadAttributeValues.ALL) {
            Map<String, Object> raw = Map.of(bad.attribute(), bad.value());
            // the typed view gets the defaults, as if SCR had hidden the bad value (it narrows many silently)
            assertThatThrownBy(() -> ConfigTranslator.toPoolConfig(Configurations.of(Map.of()), raw))
                    .as(bad.toString())
                    .isInstanceOf(InvalidAttributeException.class)
                    .hasMessageContaining("pool configuration attribute " + bad.attribute() + " = ")
                    .hasMessageContaining("'" + bad.shown() + "'")
                    .hasMessageContaining(bad.allowed())
                    .satisfies(e -> assertThat(((InvalidAttributeException) e).attribute()).isEqualTo(bad.attribute()));
        }
    }

    @Test
    void everyBadValueTheTypedViewCanHoldIsRefusedWithoutTheRawProperties() throws Exception {
        int tried = 0;
        for (BadAttributeValues.Case bad : BadAttributeValues.ALL) {
            Class<?> accessor = PoolSystemConfiguration.class.getMethod(bad.attribute()).getReturnType();
            boolean holds = accessor == int.class ? bad.value() instanceof Integer
                    : accessor == long.class ? bad.value() instanceof Long
                    : accessor.isInstance(bad.value());
            if (!holds) {
                continue; // SCR converts it (or throws, see the next test) before the component sees it
            }
            tried++;
            assertThatThrownBy(() -> ConfigTranslator.toPoolConfig(
                    Configurations.of(Map.of(bad.attribute(), bad.value()))))
                    .as(bad.toString())
                    .isInstanceOf(InvalidAttributeException.class)
                    .hasMessageContaining(bad.attribute())
                    .hasMessageContaining("'" + bad.shown() + "'")
                    .hasMessageContaining(bad.allowed());
        }
        assertThat(tried).isGreaterThan(30);
    }

    @Test
    void aTypedAccessorThatThrowsIsRefusedNamingTheAttribute() {
        for (String attribute : List.of("totalBudgetBytes", "emergencyReserveBytes", "blocksPerPool", "poolsPerClass",
                "threadCacheSize", "defaultStrategy", "selection", "leakDetection", "sizeClasses", "typeBudgets")) {
            assertThatThrownBy(() -> ConfigTranslator.toPoolConfig(Configurations.unreadable(attribute)))
                    .as(attribute)
                    .isInstanceOf(InvalidAttributeException.class)
                    .hasMessageContaining("attribute " + attribute + " = (not readable: ComponentException")
                    .hasMessageContaining("allowed: ");
        }
    }

    @Test
    void validRawValuesOfEveryConfigAdminTypeAreAccepted() {
        PoolConfig c = ConfigTranslator.toPoolConfig(Configurations.of(Map.of()), Map.of(
                "totalBudgetBytes", "1073741824", "emergencyReserveBytes", 0, "blocksPerPool", 16L,
                "poolsPerClass", (short) 3, "threadCacheSize", 8.0d, "selection", " round_robin ",
                "sizeClasses", List.of("EVENT=64,256"), "typeBudgets", "HISTORY=8388608",
                "component.name", "ignored", "service.pid", "org.lle.memory.pool"));
        assertThat(c.totalBudgetBytes()).isEqualTo(1L << 30);
        assertThat(c.emergencyReserveBytes()).isZero();
        assertThat(c.type(PoolType.STRING).blocksPerPool()).isEqualTo(16);
        assertThat(c.type(PoolType.STRING).poolsPerClass()).isEqualTo(3);
        assertThat(c.threadCacheSize()).isEqualTo(8);
        assertThat(c.selection()).isEqualTo(PoolSelection.ROUND_ROBIN);
        assertThat(c.type(PoolType.EVENT).sizeClasses()).containsExactly(64, 256);
        assertThat(c.type(PoolType.HISTORY).budgetBytes()).isEqualTo(8388608);
    }
}
