package org.lle.memory.benchmarks.nativepeers;

import com.sun.jna.Native;

/**
 * OpenSSL 3's secure heap: one fixed mlocked arena (buddy allocator) behind a global lock.
 * {@code file}/{@code line} are the debug arguments the C macros fill in; NULL/0 is accepted.
 */
public final class OpenSslSecureHeap {
    /** 32 MiB arena, 64-byte minimum block. */
    public static final long ARENA_BYTES = 32L << 20;
    public static final long MIN_BLOCK_BYTES = 64;

    /** CRYPTO_secure_malloc_init's result: 1 = locked arena, 2 = arena without mlock/guard, 0 = failed. */
    public static final int INIT_RESULT;

    static {
        Native.register(OpenSslSecureHeap.class, NativeLibs.load("libcrypto.so.3", "libssl3"));
        INIT_RESULT = CRYPTO_secure_malloc_init(ARENA_BYTES, MIN_BLOCK_BYTES);
        if (INIT_RESULT == 0) {
            throw new IllegalStateException("CRYPTO_secure_malloc_init(" + ARENA_BYTES + ", " + MIN_BLOCK_BYTES
                    + ") failed");
        }
    }

    private OpenSslSecureHeap() {
    }

    /** Initialises the arena once per JVM (outside the measured code). */
    public static int init() {
        return INIT_RESULT;
    }

    public static native int CRYPTO_secure_malloc_init(long size, long minSize);

    public static native long CRYPTO_secure_malloc(long num, long file, int line);

    public static native void CRYPTO_secure_clear_free(long address, long num, long file, int line);

    public static native long CRYPTO_secure_used();
}
