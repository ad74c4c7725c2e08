package org.lle.memory.pool.internal.osgi;

import java.util.List;

/**
 * Bad values for every attribute of the pool configuration (PID {@code org.lle.memory.pool}), as Config Admin
 * would store them: wrong type, out of range, unparsable string, negative, huge. Each with the text the refusal
 * must show for the value and for what is allowed. Shared by the unit test of the reader and the Felix test.
 */
final class BadAttributeValues {
    private static final String LONG_MAX = String.valueOf(Long.MAX_VALUE);
    private static final String INT_MAX = String.valueOf(Integer.MAX_VALUE);

    /** One bad value of one attribute. */
    record Case(String attribute, Object value, String shown, String allowed) {
        @Override
        public String toString() {
            return attribute + "=" + shown + " (" + value.getClass().getSimpleName() + ")";
        }
    }

    static final List<Case> ALL = List.of(
            new Case("totalBudgetBytes", 0L, "0", "1.." + LONG_MAX),
            new Case("totalBudgetBytes", -1L, "-1", "1.." + LONG_MAX),
            new Case("totalBudgetBytes", "lots", "lots", "1.." + LONG_MAX),
            new Case("totalBudgetBytes", "99999999999999999999", "99999999999999999999", "1.." + LONG_MAX),
            new Case("totalBudgetBytes", Boolean.TRUE, "true", "1.." + LONG_MAX),
            new Case("totalBudgetBytes", 1.5d, "1.5", "1.." + LONG_MAX),

            new Case("emergencyReserveBytes", -1L, "-1", "0.." + LONG_MAX),
            new Case("emergencyReserveBytes", "-1", "-1", "0.." + LONG_MAX),
            new Case("emergencyReserveBytes", "1MiB", "1MiB", "0.." + LONG_MAX),
            new Case("emergencyReserveBytes", 1.0e30d, "1.0E30", "0.." + LONG_MAX),
            new Case("emergencyReserveBytes", Boolean.FALSE, "false", "0.." + LONG_MAX),

            new Case("blocksPerPool", 0, "0", "1.." + INT_MAX),
            new Case("blocksPerPool", -1, "-1", "1.." + INT_MAX),
            new Case("blocksPerPool", "many", "many", "1.." + INT_MAX),
            new Case("blocksPerPool", 1L << 40, String.valueOf(1L << 40), "1.." + INT_MAX),
            new Case("blocksPerPool", "3000000000", "3000000000", "1.." + INT_MAX),
            new Case("blocksPerPool", 2.5d, "2.5", "1.." + INT_MAX),

            new Case("poolsPerClass", 0, "0", "1..64"),
            new Case("poolsPerClass", 65, "65", "1..64"),
            new Case("poolsPerClass", -3, "-3", "1..64"),
            new Case("poolsPerClass", "two", "two", "1..64"),
            new Case("poolsPerClass", Long.MAX_VALUE, LONG_MAX, "1..64"),
            new Case("poolsPerClass", Boolean.TRUE, "true", "1..64"),

            new Case("threadCacheSize", -1, "-1", "0..4096"),
            new Case("threadCacheSize", 4097, "4097", "0..4096"),
            new Case("threadCacheSize", "big", "big", "0..4096"),
            new Case("threadCacheSize", Integer.MAX_VALUE, INT_MAX, "0..4096"),
            new Case("threadCacheSize", 1.25f, "1.25", "0..4096"),

            new Case("defaultStrategy", "FASTEST", "FASTEST", "[PRIMARY_ONLY, SECONDARY_FALLBACK, EMERGENCY_ONLY, AUTOMATIC]"),
            new Case("defaultStrategy", "", "", "[PRIMARY_ONLY, SECONDARY_FALLBACK, EMERGENCY_ONLY, AUTOMATIC]"),
            new Case("defaultStrategy", 3, "3", "[PRIMARY_ONLY, SECONDARY_FALLBACK, EMERGENCY_ONLY, AUTOMATIC]"),
            new Case("defaultStrategy", Boolean.TRUE, "true", "[PRIMARY_ONLY, SECONDARY_FALLBACK, EMERGENCY_ONLY, AUTOMATIC]"),

            new Case("selection", "RANDOM", "RANDOM", "[ROUND_ROBIN, LEAST_USED, BEST_FIT, FIRST_FIT]"),
            new Case("selection", " ", " ", "[ROUND_ROBIN, LEAST_USED, BEST_FIT, FIRST_FIT]"),
            new Case("selection", 1L, "1", "[ROUND_ROBIN, LEAST_USED, BEST_FIT, FIRST_FIT]"),

            new Case("leakDetection", "LOUD", "LOUD", "[DISABLED, SIMPLE, ADVANCED, PARANOID]"),
            new Case("leakDetection", "", "", "[DISABLED, SIMPLE, ADVANCED, PARANOID]"),
            new Case("leakDetection", 2, "2", "[DISABLED, SIMPLE, ADVANCED, PARANOID]"),

            new Case("sizeClasses", new String[] {"BUFER=128"}, "BUFER=128", "TYPE=size,size,..."),
            new Case("sizeClasses", new String[] {"BUFFER"}, "BUFFER", "TYPE=size,size,..."),
            new Case("sizeClasses", new String[] {"BUFFER=12x"}, "BUFFER=12x", "1..1073741824"),
            new Case("sizeClasses", new String[] {"BUFFER=512,128"}, "BUFFER=512,128", "strictly ascending"),
            new Case("sizeClasses", new String[] {"BUFFER=0"}, "BUFFER=0", "1..1073741824"),
            new Case("sizeClasses", new String[] {"*=64", "BUFFER=-128"}, "BUFFER=-128", "1..1073741824"),
            new Case("sizeClasses", new String[] {"BUFFER=2147483648"}, "BUFFER=2147483648", "1..1073741824"),
            new Case("sizeClasses", new String[] {"BUFFER=1073741825"}, "BUFFER=1073741825", "1..1073741824"),
            new Case("sizeClasses", 5, "5", "TYPE=size,size,..."),

            new Case("typeBudgets", new String[] {"EVENT=-5"}, "EVENT=-5", "1.." + LONG_MAX),
            new Case("typeBudgets", new String[] {"EVENT=lots"}, "EVENT=lots", "1.." + LONG_MAX),
            new Case("typeBudgets", new String[] {"EVENT=0"}, "EVENT=0", "1.." + LONG_MAX),
            new Case("typeBudgets", new String[] {"EVENT=99999999999999999999"}, "EVENT=99999999999999999999",
                    "1.." + LONG_MAX),
            new Case("typeBudgets", new String[] {"NOPE=5"}, "NOPE=5", "TYPE=bytes"),
            new Case("typeBudgets", new String[] {"EVENT"}, "EVENT", "TYPE=bytes"),
            new Case("typeBudgets", 7L, "7", "TYPE=bytes"));

    private BadAttributeValues() {
    }
}
