package org.lle.memory.pool.internal.osgi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;

/**
 * Turns the Config Admin attributes into a {@link PoolConfig}. Every bad value is an
 * {@link IllegalArgumentException} naming the attribute, the value and what is allowed.
 */
public final class ConfigTranslator {
    private static final String ALL_TYPES = "*";

    private ConfigTranslator() {
    }

    public static PoolConfig toPoolConfig(PoolSystemConfiguration c) {
        PoolConfig.Builder b = PoolConfig.builder();
        for (PoolType type : PoolType.values()) {
            TypeConfig d = TypeConfig.defaults();
            b.type(type, typeConfig("blocksPerPool/poolsPerClass", d.sizeClasses(), d.budgetBytes(), c.blocksPerPool(),
                    c.poolsPerClass()));
        }
        for (String entry : nonNull(c.sizeClasses())) {
            String[] kv = split("sizeClasses", entry);
            List<Integer> sizes = new ArrayList<>();
            for (String s : kv[1].split(",")) {
                sizes.add(parseInt("sizeClasses", entry, s.trim()));
            }
            for (PoolType type : types("sizeClasses", entry, kv[0])) {
                TypeConfig old = b.build().type(type);
                b.type(type, typeConfig("sizeClasses entry '" + entry + "'", sizes, old.budgetBytes(),
                        old.blocksPerPool(), old.poolsPerClass()));
            }
        }
        for (String entry : nonNull(c.typeBudgets())) {
            String[] kv = split("typeBudgets", entry);
            long budget = parseLong("typeBudgets", entry, kv[1].trim());
            for (PoolType type : types("typeBudgets", entry, kv[0])) {
                TypeConfig old = b.build().type(type);
                b.type(type, typeConfig("typeBudgets entry '" + entry + "'", old.sizeClasses(), budget,
                        old.blocksPerPool(), old.poolsPerClass()));
            }
        }
        b.totalBudget(c.totalBudgetBytes())
                .emergencyReserve(c.emergencyReserveBytes())
                .defaultStrategy(enumValue("defaultStrategy", AllocationStrategy.class, c.defaultStrategy()))
                .selection(enumValue("selection", PoolSelection.class, c.selection()))
                .leakDetection(enumValue("leakDetection", LeakDetection.class, c.leakDetection()))
                .threadCacheSize(c.threadCacheSize());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool configuration rejected: " + e.getMessage(), e);
        }
    }

    private static TypeConfig typeConfig(String what, List<Integer> sizes, long budget, int blocks, int pools) {
        try {
            return new TypeConfig(sizes, budget, blocks, pools);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool configuration " + what + " rejected: " + e.getMessage(), e);
        }
    }

    /** Blank entries are skipped: a metatype form saves an empty list as one empty string. */
    private static List<String> nonNull(String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            if (value != null && !value.isBlank()) {
                entries.add(value.trim());
            }
        }
        return entries;
    }

    private static String[] split(String attribute, String entry) {
        int eq = entry == null ? -1 : entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("pool configuration " + attribute + " entry '" + entry
                    + "' is not TYPE=value (TYPE one of " + Arrays.toString(PoolType.values()) + " or *)");
        }
        return new String[] {entry.substring(0, eq).trim(), entry.substring(eq + 1)};
    }

    private static List<PoolType> types(String attribute, String entry, String name) {
        if (ALL_TYPES.equals(name)) {
            return Arrays.asList(PoolType.values());
        }
        return List.of(enumValue(attribute + " entry '" + entry + "'", PoolType.class, name));
    }

    private static int parseInt(String attribute, String entry, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pool configuration " + attribute + " entry '" + entry + "': '" + value
                    + "' is not a size in bytes (1.." + TypeConfig.MAX_CLASS_BYTES + ")", e);
        }
    }

    private static long parseLong(String attribute, String entry, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pool configuration " + attribute + " entry '" + entry + "': '" + value
                    + "' is not a number of bytes (> 0)", e);
        }
    }

    static <E extends Enum<E>> E enumValue(String attribute, Class<E> type, String value) {
        if (value == null) {
            throw new IllegalArgumentException("pool configuration " + attribute + " is missing; one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool configuration " + attribute + " '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()), e);
        }
    }
}
