package org.lle.memory.benchmarks.secure;

import static org.lle.memory.benchmarks.nativepeers.UnsafeAccess.UNSAFE;

import java.util.concurrent.TimeUnit;
import org.lle.memory.benchmarks.nativepeers.OpenSslSecureHeap;
import org.lle.memory.benchmarks.nativepeers.Sodium;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A locked secret's life: allocate, write one byte, wipe + free. Ours beside libsodium's guarded heap and
 * OpenSSL's secure heap, both called through JNA direct mapping (the same call path our provider uses).
 * The state is shared by all threads, so the 2-thread subclass shows each allocator's locking.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public abstract class SecureAllocBenchmark {

    @Param({"64", "512", "4096"})
    public int size;

    private SecureMemory secure;
    private final RuntimeException[] missing = new RuntimeException[1];

    @Setup
    public void setUp() {
        Sodium.init();
        System.err.println("[lle] CRYPTO_secure_malloc_init -> " + OpenSslSecureHeap.init());
        secure = OurSecureMemory.orFailure(OurSecureMemory::lockingProvider, missing);
    }

    @Benchmark
    public SecureBuffer lleSecure() {
        SecureBuffer buffer = OurSecureMemory.require(secure, missing).allocate(size);
        buffer.put(0, (byte) 1);
        buffer.close();
        return buffer;
    }

    @Benchmark
    public long libsodium() {
        long p = Sodium.sodium_malloc(size);
        if (p == 0) {
            throw new OutOfMemoryError("sodium_malloc(" + size + ") returned NULL");
        }
        UNSAFE.putByte(p, (byte) 1);
        Sodium.sodium_free(p);
        return p;
    }

    @Benchmark
    public long opensslSecureHeap() {
        long p = OpenSslSecureHeap.CRYPTO_secure_malloc(size, 0L, 0);
        if (p == 0) {
            throw new OutOfMemoryError("CRYPTO_secure_malloc(" + size + ") returned NULL");
        }
        UNSAFE.putByte(p, (byte) 1);
        OpenSslSecureHeap.CRYPTO_secure_clear_free(p, size, 0L, 0);
        return p;
    }
}
