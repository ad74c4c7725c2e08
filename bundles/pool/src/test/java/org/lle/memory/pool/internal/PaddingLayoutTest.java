package org.lle.memory.pool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields one thread writes on every allocation must have a full cache line of their own object on each
 * side, whatever the GC puts next to the object. Asks HotSpot for the real field offsets.
 */
class PaddingLayoutTest {
    private static final int LINE = 64;
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    @Test
    void threadCacheHotFieldsHaveALineOnEachSide() {
        assertEquals(List.of(), violations(ThreadCache.class, "allocationsSeen", "lastWasHit", "lastRefusal"));
    }

    @Test
    void slotStackCountHasALineOnEachSide() {
        assertEquals(List.of(), violations(SlotStack.class, "count"));
    }

    @Test
    void typeCountersHaveALineOnEachSide() {
        assertEquals(List.of(), violations(TypeCounters.class, "cacheHits", "cacheMisses", "frees", "allocatedBytes",
                "freedBytes", "liveCapacity", "secondary", "emergency", "failures", "freedForOthers", "peakOwn"));
    }

    /** Control: the padding as it was, without the field that fills the hole after the header, fails the check. */
    @Test
    void paddingWithAHoleAfterTheHeaderFailsTheCheck() throws Exception {
        long firstLong = UNSAFE.objectFieldOffset(Unfilled.class.getDeclaredField("p01"));
        assumeTrue(firstLong > 12, "no hole after the object header with these VM options (compact headers?)");
        List<String> found = violations(HotAfterUnfilled.class, "hot");
        assertFalse(found.isEmpty(), "the control's hot field should have landed in the header hole");
    }

    /** @return one line per hot field that is less than a line from either end of its object */
    private static List<String> violations(Class<?> type, String... hotFields) {
        long end = 0;
        for (Field f : instanceFields(type)) {
            end = Math.max(end, UNSAFE.objectFieldOffset(f) + size(f));
        }
        List<String> bad = new ArrayList<>();
        for (String name : hotFields) {
            Field f = instanceFields(type).stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
            long at = UNSAFE.objectFieldOffset(f);
            if (at < LINE || end - (at + size(f)) < LINE) {
                bad.add(type.getSimpleName() + "." + name + " at offset " + at + " in an object whose fields end at " + end);
            }
        }
        return bad;
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> k = type; k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    private static long size(Field f) {
        Class<?> t = f.getType();
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return UNSAFE.arrayIndexScale(Object[].class);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    abstract static class Unfilled {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    @SuppressWarnings("unused")
    static final class HotAfterUnfilled extends Unfilled {
        int hot;
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }
}
