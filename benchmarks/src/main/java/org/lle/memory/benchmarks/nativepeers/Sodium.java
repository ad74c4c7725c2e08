package org.lle.memory.benchmarks.nativepeers;

import com.sun.jna.Native;

/** libsodium's guarded heap: every sodium_malloc is its own mmap with guard pages, mlocked. */
public final class Sodium {
    static {
        Native.register(Sodium.class, NativeLibs.load("libsodium.so.23", "libsodium23"));
        if (sodium_init() < 0) {
            throw new IllegalStateException("sodium_init failed");
        }
    }

    private Sodium() {
    }

    /** Forces the static initialiser (library load and sodium_init) outside the measured code. */
    public static void init() {
        // the class is initialised by the call itself
    }

    public static native int sodium_init();

    public static native long sodium_malloc(long size);

    public static native void sodium_free(long address);
}
