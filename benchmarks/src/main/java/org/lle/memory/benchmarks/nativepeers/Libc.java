package org.lle.memory.benchmarks.nativepeers;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The libc calls the peers need, through JNA direct mapping (the cheapest JNA call path, as the
 * secure provider uses). Pointers and sizes are passed as {@code long}: x86-64 LP64 only.
 */
public final class Libc {
    static {
        Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Libc() {
    }

    public static native void explicit_bzero(long address, long length);

    public static native int mlock(long address, long length);

    public static native int munlock(long address, long length);

    public static native long sysconf(int name);
}
