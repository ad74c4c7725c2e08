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
    private byte[] array;
    private byte[] zeros;

    @Setup
    public void setUp() {
        secure = OurSecureMemory.orFailure(OurSecureMemory::provider, missing);
        direct = ByteBuffer.allocateDirect(bytes);
        address = UnsafeAccess.address(direct);
        array = new byte[bytes];
        zeros = new byte[bytes];
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
        return check(OurSecureMemory.require(secure, missing).secureClear(array));
    }

    @Benchmark
    public void jnaExplicitBzero() {
        Libc.explicit_bzero(address, bytes);
    }

    @Benchmark
    public void arraysFill() {
        Arrays.fill(array, (byte) 0);
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

    private static SecureResult check(SecureResult result) {
        if (result != SecureResult.SUCCESS) {
            throw new IllegalStateException("secureClear returned " + result);
        }
        return result;
    }
}
