package org.lle.memory.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Where HotSpot really put an object's fields ({@code Unsafe.objectFieldOffset}), for tests of padding against
 * false sharing: a field one thread writes all the time needs a full cache line of its own object on each side,
 * whatever the GC puts next to the object.
 */
public final class FieldLayout {
    /** bytes per cache line on x86-64 and most aarch64 parts */
    public static final int LINE = 64;
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private FieldLayout() {
    }

    /** @return one line per hot field less than {@link #LINE} bytes from either end of its object's fields */
    public static List<String> hotFieldsWithoutALineOnEachSide(Class<?> type, String... hotFields) {
        long end = instanceFieldsEnd(type);
        List<String> bad = new ArrayList<>();
        for (String name : hotFields) {
            Field f = instanceFields(type).stream().filter(x -> x.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no field " + name + " in " + type.getName()));
            long at = UNSAFE.objectFieldOffset(f);
            if (at < LINE || end - (at + size(f)) < LINE) {
                bad.add(type.getSimpleName() + "." + name + " at offset " + at + " in an object whose fields end at "
                        + end);
            }
        }
        return bad;
    }

    /**
     * @return where the last instance field of {@code type} (declared by it or above) ends: with the object
     *         header and alignment, what an instance costs on the heap
     */
    public static long instanceFieldsEnd(Class<?> type) {
        long end = 0;
        for (Field f : instanceFields(type)) {
            end = Math.max(end, UNSAFE.objectFieldOffset(f) + size(f));
        }
        return end;
    }

    /** @return the offset HotSpot gave the instance field {@code name} (declared by {@code type} or above) */
    public static long offsetOf(Class<?> type, String name) {
        Field f = instanceFields(type).stream().filter(x -> x.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + name + " in " + type.getName()));
        return UNSAFE.objectFieldOffset(f);
    }

    /** @return bytes per element of an array of {@code arrayType} */
    public static int arrayIndexScale(Class<?> arrayType) {
        return UNSAFE.arrayIndexScale(arrayType);
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
}
