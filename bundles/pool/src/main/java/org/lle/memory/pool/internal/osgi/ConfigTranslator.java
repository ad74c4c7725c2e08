package org.lle.memory.pool.internal.osgi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;

/**
 * Turns the Config Admin attributes into a {@link PoolConfig}, or refuses the whole configuration with an
 * {@link InvalidAttributeException} naming the attribute, the value and what is allowed.
 *
 * <p>Each attribute is read from the raw properties when they hold it, and from the typed view only
 * otherwise: SCR's typed view hides bad values. Felix SCR 2.2.12 throws a {@code ComponentException} from the
 * accessor for an unparsable string ("lots" for a long), but silently narrows other values: a Long of 2^40
 * becomes the int 0, a Double 1.5 becomes 1, a Boolean becomes a number. Reading the raw value sees what the
 * operator stored; a typed accessor that throws is refused like a bad raw value.
 */
public final class ConfigTranslator {
    private static final String ALL_TYPES = "*";
    private static final String TYPES = Arrays.toString(PoolType.values()) + " or " + ALL_TYPES;

    private ConfigTranslator() {
    }

    /** The typed view only (no raw properties): for callers that have nothing else. */
    public static PoolConfig toPoolConfig(PoolSystemConfiguration c) {
        return toPoolConfig(c, Map.of());
    }

    /**
     * @param c the typed view SCR made of {@code raw}
     * @param raw the component properties as stored (may also hold SCR's own keys, which are ignored)
     * @throws InvalidAttributeException for the first attribute whose value is not allowed
     */
    public static PoolConfig toPoolConfig(PoolSystemConfiguration c, Map<String, ?> raw) {
        int blocksPerPool = intValue(raw, "blocksPerPool", c::blocksPerPool, 1, Integer.MAX_VALUE);
        int poolsPerClass = intValue(raw, "poolsPerClass", c::poolsPerClass, 1, 64);
        PoolConfig.Builder b = PoolConfig.builder();
        for (PoolType type : PoolType.values()) {
            b.type(type, new TypeConfig(TypeConfig.DEFAULT_SIZE_CLASSES, TypeConfig.DEFAULT_BUDGET_BYTES,
                    blocksPerPool, poolsPerClass));
        }
        String sizesAllowed = "entries TYPE=size,size,... with TYPE one of " + TYPES
                + ", sizes strictly ascending in 1.." + TypeConfig.MAX_CLASS_BYTES;
        for (String entry : entries(raw, "sizeClasses", c::sizeClasses, sizesAllowed)) {
            String[] kv = split("sizeClasses", entry, sizesAllowed);
            List<Integer> sizes = new ArrayList<>();
            int previous = 0;
            for (String s : kv[1].split(",")) {
                long size = parseWhole("sizeClasses", entry, s.trim(), sizesAllowed);
                if (size < 1 || size > TypeConfig.MAX_CLASS_BYTES) {
                    throw refused("sizeClasses", entry, "size " + s.trim() + " is out of range", sizesAllowed);
                }
                if (size <= previous) {
                    throw refused("sizeClasses", entry, "sizes are not strictly ascending", sizesAllowed);
                }
                previous = (int) size;
                sizes.add((int) size);
            }
            for (PoolType type : types("sizeClasses", entry, kv[0], sizesAllowed)) {
                b.sizeClasses(type, sizes.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        String budgetsAllowed = "entries TYPE=bytes with TYPE one of " + TYPES + ", bytes in 1.." + Long.MAX_VALUE;
        for (String entry : entries(raw, "typeBudgets", c::typeBudgets, budgetsAllowed)) {
            String[] kv = split("typeBudgets", entry, budgetsAllowed);
            long budget = parseWhole("typeBudgets", entry, kv[1].trim(), budgetsAllowed);
            if (budget < 1) {
                throw refused("typeBudgets", entry, "the budget is out of range", budgetsAllowed);
            }
            for (PoolType type : types("typeBudgets", entry, kv[0], budgetsAllowed)) {
                b.typeBudget(type, budget);
            }
        }
        return b.totalBudget(longValue(raw, "totalBudgetBytes", c::totalBudgetBytes, 1, Long.MAX_VALUE))
                .emergencyReserve(longValue(raw, "emergencyReserveBytes", c::emergencyReserveBytes, 0, Long.MAX_VALUE))
                .defaultStrategy(enumValue(raw, "defaultStrategy", c::defaultStrategy, AllocationStrategy.class))
                .selection(enumValue(raw, "selection", c::selection, PoolSelection.class))
                .leakDetection(enumValue(raw, "leakDetection", c::leakDetection, LeakDetection.class))
                .threadCacheSize(intValue(raw, "threadCacheSize", c::threadCacheSize, 0,
                        PoolConfig.MAX_THREAD_CACHE_SIZE))
                .build();
    }

    private static int intValue(Map<String, ?> raw, String attribute, Supplier<Integer> typed, int min, int max) {
        return (int) longValue(raw, attribute, () -> (long) typed.get(), min, max);
    }

    private static long longValue(Map<String, ?> raw, String attribute, Supplier<Long> typed, long min, long max) {
        String allowed = "a whole number in " + min + ".." + max;
        Object value = raw.get(attribute);
        long number;
        if (value == null) {
            number = typed(attribute, typed, allowed);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof String) {
            number = parseWhole(attribute, (String) value, ((String) value).trim(), allowed);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                throw refused(attribute, value, "not a whole number of the range", allowed);
            }
            number = (long) d;
        } else {
            throw refused(attribute, value, "wrong type " + value.getClass().getSimpleName(), allowed);
        }
        if (number < min || number > max) {
            throw refused(attribute, value == null ? number : value, "out of range", allowed);
        }
        return number;
    }

    private static long parseWhole(String attribute, Object shown, String text, String allowed) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw refused(attribute, shown, "not a whole number of the range", allowed);
        }
    }

    private static <E extends Enum<E>> E enumValue(Map<String, ?> raw, String attribute, Supplier<String> typed,
            Class<E> type) {
        String allowed = "one of " + Arrays.toString(type.getEnumConstants());
        Object value = raw.get(attribute);
        if (value == null) {
            value = typed(attribute, typed, allowed);
        }
        if (!(value instanceof String)) {
            throw refused(attribute, value, value == null ? "missing" : "wrong type " + value.getClass().getSimpleName(),
                    allowed);
        }
        try {
            return Enum.valueOf(type, ((String) value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw refused(attribute, value, "not a known name", allowed);
        }
    }

    /** Blank entries are skipped: a metatype form saves an empty list as one empty string. */
    private static List<String> entries(Map<String, ?> raw, String attribute, Supplier<String[]> typed,
            String allowed) {
        Object value = raw.get(attribute);
        if (value == null) {
            value = typed(attribute, typed, allowed);
        }
        Collection<?> values;
        if (value instanceof String) {
            values = List.of(value);
        } else if (value instanceof String[]) {
            values = Arrays.asList((String[]) value);
        } else if (value instanceof Collection) {
            values = (Collection<?>) value;
        } else {
            throw refused(attribute, value, "wrong type " + value.getClass().getSimpleName(), allowed);
        }
        List<String> entries = new ArrayList<>();
        for (Object entry : values) {
            if (!(entry instanceof String)) {
                throw refused(attribute, entry, "wrong type " + entry.getClass().getSimpleName() + " of an entry", allowed);
            }
            if (!((String) entry).isBlank()) {
                entries.add(((String) entry).trim());
            }
        }
        return entries;
    }

    private static <T> T typed(String attribute, Supplier<T> typed, String allowed) {
        try {
            return typed.get();
        } catch (RuntimeException unconvertible) { // SCR could not convert the stored value
            throw new InvalidAttributeException(attribute, "(not readable: " + unconvertible.getMessage() + ")",
                    allowed, unconvertible);
        }
    }

    private static String[] split(String attribute, String entry, String allowed) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw refused(attribute, entry, "not TYPE=value", allowed);
        }
        return new String[] {entry.substring(0, eq).trim(), entry.substring(eq + 1)};
    }

    private static List<PoolType> types(String attribute, String entry, String name, String allowed) {
        if (ALL_TYPES.equals(name)) {
            return Arrays.asList(PoolType.values());
        }
        try {
            return List.of(PoolType.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw refused(attribute, entry, "'" + name + "' is not a pool type", allowed);
        }
    }

    private static InvalidAttributeException refused(String attribute, Object value, String problem, String allowed) {
        return new InvalidAttributeException(attribute, "'" + value + "' (" + problem + ")", allowed, null);
    }
}
