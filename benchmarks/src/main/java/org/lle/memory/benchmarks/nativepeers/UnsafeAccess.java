package org.lle.memory.benchmarks.nativepeers;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import sun.misc.Unsafe;

/** sun.misc.Unsafe (module jdk.unsupported, reachable without --add-opens) and direct buffer addresses. */
public final class UnsafeAccess {
    public static final Unsafe UNSAFE = find();

    private UnsafeAccess() {
    }

    private static Unsafe find() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not reachable", e);
        }
    }

    /** @return the native address of a direct buffer's element 0 */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + direct);
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /** @return the system page size */
    public static int pageSize() {
        return UNSAFE.pageSize();
    }
}
