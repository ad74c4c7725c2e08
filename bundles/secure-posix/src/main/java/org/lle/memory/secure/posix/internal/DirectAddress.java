package org.lle.memory.secure.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * The native address of a direct buffer's first byte (index 0, not its position). Read from the
 * {@code Buffer.address} field through {@code sun.misc.Unsafe} when the JDK allows it (a field read, no
 * allocation, so an already-locked region costs no JNI hop); otherwise JNA's
 * {@link Native#getDirectBufferPointer} (JNI GetDirectBufferAddress). The fast path is checked against
 * JNA once at start and dropped if they disagree.
 */
final class DirectAddress {
    private static final MethodHandle GET_LONG; // (Object, long) -> long, bound to the Unsafe instance
    private static final long ADDRESS_OFFSET;

    static {
        MethodHandle getLong = null;
        long offset = -1;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe", false, ClassLoader.getPlatformClassLoader());
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            offset = (long) lookup.findVirtual(unsafeClass, "objectFieldOffset",
                    MethodType.methodType(long.class, Field.class)).invoke(unsafe,
                            Buffer.class.getDeclaredField("address"));
            getLong = lookup.findVirtual(unsafeClass, "getLong",
                    MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
            ByteBuffer probe = ByteBuffer.allocateDirect(16).position(3).slice();
            if ((long) getLong.invokeExact((Object) probe, offset) != viaJna(probe)) {
                getLong = null;
            }
        } catch (Throwable unavailable) { // no Unsafe, no field, or a JDK that refuses: use JNA
            getLong = null;
        }
        GET_LONG = getLong;
        ADDRESS_OFFSET = offset;
    }

    private DirectAddress() {
    }

    /** @return the address of {@code buffer}'s index 0; {@code buffer} must be direct */
    static long of(ByteBuffer buffer) {
        if (GET_LONG != null) {
            try {
                return (long) GET_LONG.invokeExact((Object) buffer, ADDRESS_OFFSET);
            } catch (Throwable impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return viaJna(buffer);
    }

    private static long viaJna(ByteBuffer buffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }
}
