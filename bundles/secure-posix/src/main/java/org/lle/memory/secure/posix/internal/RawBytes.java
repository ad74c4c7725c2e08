package org.lle.memory.secure.posix.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Single-byte loads and stores at a native address through {@code sun.misc.Unsafe}, for the per-byte calls of
 * an open {@link SlotAccess}: a direct {@link java.nio.ByteBuffer}'s absolute get/put checks its own limit and
 * fences itself on every call, which keeps the JIT from folding a loop of them into plain loads and stores as it
 * does for Netty's buffers. The handles are constants bound to the Unsafe instance, so the JIT inlines them to
 * one instruction. Only ever used on an index already checked against a slot that an open access holds mapped.
 * Without {@code sun.misc.Unsafe} ({@link #AVAILABLE} false) callers use the chunk's {@code ByteBuffer}.
 *
 * <p>Not used from JDK 24 on: there the JDK prints a warning on the first use of Unsafe's memory access
 * methods (they are to be removed), and a library must not make its host's console say that. Those JDKs take
 * the {@code ByteBuffer} way until a {@code MemorySegment} one replaces this class.
 */
final class RawBytes {
    static final boolean AVAILABLE;
    private static final int FIRST_JDK_THAT_WARNS = 24;
    private static final MethodHandle GET_BYTE; // (long) -> byte, bound to the Unsafe instance
    private static final MethodHandle PUT_BYTE; // (long, byte) -> void

    static {
        MethodHandle get = null;
        MethodHandle put = null;
        try {
            if (Runtime.version().feature() >= FIRST_JDK_THAT_WARNS) {
                throw new UnsupportedOperationException("Unsafe memory access warns on this JDK");
            }
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe", false, ClassLoader.getPlatformClassLoader());
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            get = lookup.findVirtual(unsafeClass, "getByte", MethodType.methodType(byte.class, long.class))
                    .bindTo(unsafe);
            put = lookup.findVirtual(unsafeClass, "putByte", MethodType.methodType(void.class, long.class,
                    byte.class)).bindTo(unsafe);
        } catch (Throwable unavailable) { // no Unsafe, or a JDK that refuses: callers use the ByteBuffer
            get = null;
            put = null;
        }
        AVAILABLE = get != null && put != null;
        GET_BYTE = get;
        PUT_BYTE = put;
    }

    private RawBytes() {
    }

    static byte get(long address) {
        try {
            return (byte) GET_BYTE.invokeExact(address);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static void put(long address, byte value) {
        try {
            PUT_BYTE.invokeExact(address, value);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
