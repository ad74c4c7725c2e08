package org.lle.memory.benchmarks.volume;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An editor's load: allocate N blocks of {@value #BLOCK_BYTES} bytes (writing the first byte of each), keep
 * them all live, then close them all; the score is the time per block (one allocation plus one close). Ours
 * with {@link PoolConfig#defaults()} beside Netty's pooled direct allocator and its adaptive allocator (the 4.2
 * default), each with caches for every thread and default leak detection. The allocators are shared by the
 * benchmark threads; each thread keeps its own N live blocks, so the 2-thread run holds 2N.
 *
 * <p>Goal: ours at most half the better Netty's time at every N, with one thread and with two. Two threads
 * with a million live blocks each need 128 MiB of 64-byte blocks, past the default 64 MiB type budget, so
 * ours runs with the STRING budget raised to the default total; everything else is the default.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public abstract class VolumeBenchmark {
    static final int BLOCK_BYTES = 64;
    static final int MAX_N = 1_000_000;

    private MemoryPoolSystem pools;
    private PooledByteBufAllocator nettyPooled;
    private AdaptiveByteBufAllocator nettyAdaptive;

    /** One thread's live blocks. */
    @State(Scope.Thread)
    public static class Live {
        final PoolBlock[] blocks = new PoolBlock[MAX_N];
        final ByteBuf[] bufs = new ByteBuf[MAX_N];
    }

    @Setup
    public void setUp() {
        pools = MemoryPools.create(config());
        nettyPooled = new PooledByteBufAllocator(true,
                PooledByteBufAllocator.defaultNumHeapArena(), PooledByteBufAllocator.defaultNumDirectArena(),
                PooledByteBufAllocator.defaultPageSize(), PooledByteBufAllocator.defaultMaxOrder(),
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                true);
        nettyAdaptive = new AdaptiveByteBufAllocator(true, true);
    }

    /** The defaults, with the STRING budget raised to the default total so two threads can hold a million each. */
    static PoolConfig config() {
        return PoolConfig.builder().typeBudget(PoolType.STRING, PoolConfig.DEFAULT_TOTAL_BUDGET_BYTES).build();
    }

    @TearDown
    public void tearDown() {
        pools.close();
    }

    @Benchmark
    @OperationsPerInvocation(10000)
    public void lle_10k(Live live) {
        lle(live, 10000);
    }

    @Benchmark
    @OperationsPerInvocation(10000)
    public void nettyPooled_10k(Live live) {
        nettyPooled(live, 10000);
    }

    @Benchmark
    @OperationsPerInvocation(10000)
    public void nettyAdaptive_10k(Live live) {
        nettyAdaptive(live, 10000);
    }

    @Benchmark
    @OperationsPerInvocation(100000)
    public void lle_100k(Live live) {
        lle(live, 100000);
    }

    @Benchmark
    @OperationsPerInvocation(100000)
    public void nettyPooled_100k(Live live) {
        nettyPooled(live, 100000);
    }

    @Benchmark
    @OperationsPerInvocation(100000)
    public void nettyAdaptive_100k(Live live) {
        nettyAdaptive(live, 100000);
    }

    @Benchmark
    @OperationsPerInvocation(500000)
    public void lle_500k(Live live) {
        lle(live, 500000);
    }

    @Benchmark
    @OperationsPerInvocation(500000)
    public void nettyPooled_500k(Live live) {
        nettyPooled(live, 500000);
    }

    @Benchmark
    @OperationsPerInvocation(500000)
    public void nettyAdaptive_500k(Live live) {
        nettyAdaptive(live, 500000);
    }

    @Benchmark
    @OperationsPerInvocation(1000000)
    public void lle_1m(Live live) {
        lle(live, 1000000);
    }

    @Benchmark
    @OperationsPerInvocation(1000000)
    public void nettyPooled_1m(Live live) {
        nettyPooled(live, 1000000);
    }

    @Benchmark
    @OperationsPerInvocation(1000000)
    public void nettyAdaptive_1m(Live live) {
        nettyAdaptive(live, 1000000);
    }

    private void lle(Live live, int n) {
        PoolBlock[] blocks = live.blocks;
        for (int i = 0; i < n; i++) {
            PoolBlock block = pools.allocate(PoolType.STRING, BLOCK_BYTES);
            block.put(0, (byte) i);
            blocks[i] = block;
        }
        for (int i = 0; i < n; i++) {
            blocks[i].close();
            blocks[i] = null;
        }
    }

    private void nettyPooled(Live live, int n) {
        netty(nettyPooled, live, n);
    }

    private void nettyAdaptive(Live live, int n) {
        netty(nettyAdaptive, live, n);
    }

    private static void netty(io.netty.buffer.ByteBufAllocator allocator, Live live, int n) {
        ByteBuf[] bufs = live.bufs;
        for (int i = 0; i < n; i++) {
            ByteBuf buf = allocator.directBuffer(BLOCK_BYTES);
            buf.setByte(0, i);
            bufs[i] = buf;
        }
        for (int i = 0; i < n; i++) {
            bufs[i].release();
            bufs[i] = null;
        }
    }
}
