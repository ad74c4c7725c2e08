package org.lle.memory.benchmarks.secure;

import static org.lle.memory.benchmarks.nativepeers.UnsafeAccess.UNSAFE;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.lle.memory.benchmarks.nativepeers.Libc;
import org.lle.memory.benchmarks.nativepeers.UnsafeAccess;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Zeroing a region: our secureClear (direct buffer and byte[]) beside JNA explicit_bzero and the plain
 * JVM bulk writes (which a compiler may legally drop when the memory is dead; here it is not, so they
 * are the speed floor).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WipeBenchmark {

    @Param({"64", "4096"})
    public int bytes;

    private SecureMemory secure;
    private final RuntimeException[] missing = new RuntimeException[1];
    private ByteBuffer direct;
    private long address;
    /**
     * The byte[] targets, used in turn. A heap array lies anywhere mod 64 (the GC decides), and a 4 KiB zeroing
     * of one array took 36-57 ns from fork to fork by that alone; four consecutive arrays (4,112 bytes apart)
     * sit at four different offsets mod 64, so every fork measures the same mix.
     */
    private final byte[][] arrays = new byte[4][];
    private int next;
    private byte[] zeros;
    /** Zeroes off the heap, page-aligned as secureClear's own: the fastest source for a bulk copy (see the peers below). */
    private ByteBuffer alignedZeros;

    @Setup
    public void setUp() {
        secure = OurSecureMemory.orFailure(OurSecureMemory::provider, missing);
        // aligned to a cache line: each benchmark runs in its own forks, and an allocateDirect address lands
        // anywhere mod 64, which alone moved a 4 KiB zeroing between 36 and 50 ns from fork to fork
        direct = ByteBuffer.allocateDirect(bytes + 64).alignedSlice(64).slice(0, bytes);
        address = UnsafeAccess.address(direct);
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new byte[bytes];
        }
        zeros = new byte[bytes];
        // a whole page past the first page boundary, whatever the size (alignedSlice rounds down to pages)
        alignedZeros = ByteBuffer.allocateDirect(2 * Math.max(bytes, 4096)).alignedSlice(4096).slice(0, bytes);
    }

    /** A clear that moved the position would make later calls wipe nothing: fail the run instead. */
    @TearDown(Level.Iteration)
    public void checkRegionUntouched() {
        if (direct.position() != 0 || direct.limit() != bytes) {
            throw new IllegalStateException("secureClear changed the region: " + direct);
        }
    }

    @Benchmark
    public SecureResult lleSecureClearDirect() {
        return check(OurSecureMemory.require(secure, missing).secureClear(direct));
    }

    @Benchmark
    public SecureResult lleSecureClearArray() {
        return check(OurSecureMemory.require(secure, missing).secureClear(array()));
    }

    @Benchmark
    public void jnaExplicitBzero() {
        Libc.explicit_bzero(address, bytes);
    }

    @Benchmark
    public void arraysFill() {
        Arrays.fill(array(), (byte) 0);
    }

    @Benchmark
    public void systemArraycopy() {
        System.arraycopy(zeros, 0, array(), 0, bytes);
    }

    /** A bulk copy from aligned zeroes off the heap: what secureClear does inside, without its checks. */
    @Benchmark
    public void byteBufferBulkPutAlignedSource() {
        direct.put(0, alignedZeros, 0, bytes);
    }

    /** The same copy into a byte[]. */
    @Benchmark
    public void byteArrayGetAlignedSource() {
        alignedZeros.get(0, array(), 0, bytes);
    }

    @Benchmark
    public void byteBufferBulkPut() {
        direct.put(0, zeros);
    }

    /** Diagnosis of secureClear's cost: the plain bulk put plus the full fence secureClear adds after it. */
    @Benchmark
    public void byteBufferBulkPutFullFence() {
        direct.put(0, zeros);
        VarHandle.fullFence();
    }

    /** The same with a release (store-store) fence: on x86 it only stops compiler reordering. */
    @Benchmark
    public void byteBufferBulkPutReleaseFence() {
        direct.put(0, zeros);
        VarHandle.releaseFence();
    }

    @Benchmark
    public void unsafeSetMemory() {
        UNSAFE.setMemory(address, bytes, (byte) 0);
    }

    private byte[] array() {
        return arrays[next++ & (arrays.length - 1)];
    }

    private static SecureResult check(SecureResult result) {
        if (result != SecureResult.SUCCESS) {
            throw new IllegalStateException("secureClear returned " + result);
        }
        return result;
    }
}
