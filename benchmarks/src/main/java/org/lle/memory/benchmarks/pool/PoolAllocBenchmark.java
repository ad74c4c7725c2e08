package org.lle.memory.benchmarks.pool;

import com.sun.jna.Memory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One allocate + first-byte write + release, ours beside the peers. The write keeps the JIT from
 * eliding the allocation. The state is shared by all benchmark threads, so the 2-thread subclass
 * measures contention on the shared pool (each peer is shared the same way).
 *
 * <p>Both pooled allocators run with their default leak detection (ours and Netty's: SIMPLE, sampled);
 * Netty is given thread caches for every thread (its best case), so the ratio is not flattered.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public abstract class PoolAllocBenchmark {

    @Param({"64", "512", "4096"})
    public int size;

    private MemoryPoolSystem pools;
    private PooledByteBufAllocator netty;
    private IllegalStateException missing;

    @Setup
    public void setUp() {
        netty = new PooledByteBufAllocator(true,
                PooledByteBufAllocator.defaultNumHeapArena(), PooledByteBufAllocator.defaultNumDirectArena(),
                PooledByteBufAllocator.defaultPageSize(), PooledByteBufAllocator.defaultMaxOrder(),
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                true);
        try {
            pools = MemoryPools.create(config());
        } catch (IllegalStateException e) {
            missing = e; // only llePool fails; the peers still run
        }
    }

    /**
     * The defaults, unless a diagnosis run overrides leak detection with
     * {@code -jvmArgsAppend -Dlle.bench.leakDetection=DISABLED} (to measure what sampling costs).
     */
    private static PoolConfig config() {
        String leaks = System.getProperty("lle.bench.leakDetection");
        return leaks == null ? PoolConfig.defaults()
                : PoolConfig.builder().leakDetection(LeakDetection.valueOf(leaks)).build();
    }

    @TearDown
    public void tearDown() {
        if (pools != null) {
            pools.close();
        }
    }

    @Benchmark
    public PoolBlock llePool() {
        if (pools == null) {
            throw missing;
        }
        PoolBlock block = pools.allocate(PoolType.BUFFER, size);
        block.put(0, (byte) 1);
        block.close();
        return block;
    }

    @Benchmark
    public ByteBuf nettyPooledDirect() {
        ByteBuf buf = netty.directBuffer(size);
        buf.setByte(0, 1);
        buf.release();
        return buf;
    }

    @Benchmark
    public ByteBuffer allocateDirect() {
        ByteBuffer buf = ByteBuffer.allocateDirect(size);
        buf.put(0, (byte) 1);
        return buf;
    }

    @Benchmark
    public Memory jnaMemory() {
        Memory memory = new Memory(size);
        memory.setByte(0, (byte) 1);
        memory.close();
        return memory;
    }

    @Benchmark
    public byte[] byteArray() {
        byte[] array = new byte[size];
        array[0] = 1;
        return array;
    }
}
