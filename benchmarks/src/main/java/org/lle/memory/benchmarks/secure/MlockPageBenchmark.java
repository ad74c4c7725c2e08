package org.lle.memory.benchmarks.secure;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.concurrent.TimeUnit;
import org.lle.memory.benchmarks.nativepeers.Libc;
import org.lle.memory.benchmarks.nativepeers.UnsafeAccess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The floor a lock-per-allocation design pays: one mlock + munlock of one page (each thread its own page). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public abstract class MlockPageBenchmark {

    private Memory memory;
    private long page;
    private long pageSize;

    @Setup
    public void setUp() {
        pageSize = UnsafeAccess.pageSize();
        memory = new Memory(2 * pageSize);
        long base = Pointer.nativeValue(memory);
        page = (base + pageSize - 1) & -pageSize;
    }

    @TearDown
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public int mlockMunlockPage() {
        int locked = Libc.mlock(page, pageSize);
        if (locked != 0) {
            throw new IllegalStateException("mlock failed, errno " + Native.getLastError());
        }
        return Libc.munlock(page, pageSize);
    }
}
