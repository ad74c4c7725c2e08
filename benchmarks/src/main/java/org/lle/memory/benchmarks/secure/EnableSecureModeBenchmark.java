package org.lle.memory.benchmarks.secure;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.lle.memory.benchmarks.nativepeers.UnsafeAccess;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * enableSecureMode + disableSecureMode of a 64-byte region on a page that another enabled region
 * already holds locked: the per-page count goes 1 -> 2 -> 1, so no mlock/munlock should happen.
 * The pair is measured (enable alone cannot be repeated without growing the count), so the pair time
 * is an upper bound on enable.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class EnableSecureModeBenchmark {

    private SecureMemory secure;
    private ByteBuffer holder;
    private ByteBuffer region;

    @Setup
    public void setUp() {
        secure = OurSecureMemory.provider();
        int page = UnsafeAccess.pageSize();
        ByteBuffer onePage = ByteBuffer.allocateDirect(3 * page).alignedSlice(page).slice(0, page);
        holder = onePage.slice(0, 64);
        region = onePage.slice(128, 64);
        SecureResult first = secure.enableSecureMode(holder);
        if (first != SecureResult.SUCCESS) {
            throw new IllegalStateException("enableSecureMode of the holder region returned " + first
                    + "; provider " + secure.info());
        }
    }

    @TearDown
    public void tearDown() {
        secure.disableSecureMode(holder);
    }

    @Benchmark
    public SecureResult enableDisableOnLockedPage() {
        SecureResult enabled = secure.enableSecureMode(region);
        SecureResult disabled = secure.disableSecureMode(region);
        if (enabled != SecureResult.SUCCESS || disabled != SecureResult.SUCCESS) {
            throw new IllegalStateException("enable -> " + enabled + ", disable -> " + disabled);
        }
        return disabled;
    }
}
