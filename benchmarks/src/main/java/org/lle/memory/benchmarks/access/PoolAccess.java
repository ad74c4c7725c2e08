package org.lle.memory.benchmarks.access;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Using an open block, ours beside the peers in one run: 64 single-byte put+get pairs on a 64-byte buffer
 * (one operation = 64 pairs), the access pattern of rendering, highlighting and search; and the bulk shape of
 * editing a line of text: insert one byte in the middle of a 256-byte line (move the tail up, put the byte) and
 * delete it again (move the tail back), one operation.
 *
 * <p>Goal: 64 pairs through the block's {@link PoolBlock.Access} at most 1.5x Netty's pooled direct {@code ByteBuf}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
public class PoolAccess {
    static final int SIZE = 64;
    static final int LINE = 256;

    private PooledByteBufAllocator nettyPooledAllocator;
    private ByteBuf nettyPooled;
    private ByteBuf nettyAdaptive;
    private ByteBuffer direct;
    private MemoryPoolSystem pools;
    private PoolBlock block;
    /** Its own block: {@link #block} cannot open a second access while this one is open. */
    private PoolBlock accessBlock;
    private PoolBlock.Access openAccess;
    private ByteBuf nettyLine;
    private ByteBuffer directLine;
    private PoolBlock line;
    private PoolBlock.Access openLineAccess;
    /** Varies the bytes written so no run can be folded into a constant. */
    private byte seed;

    @Setup(Level.Trial)
    public void setUp() {
        nettyPooledAllocator = new PooledByteBufAllocator(true);
        nettyPooled = nettyPooledAllocator.directBuffer(SIZE);
        nettyAdaptive = new AdaptiveByteBufAllocator(true, true).directBuffer(SIZE);
        direct = ByteBuffer.allocateDirect(SIZE);
        pools = MemoryPools.create(PoolConfig.defaults());
        block = pools.allocate(PoolType.STRING, SIZE);
        accessBlock = pools.allocate(PoolType.STRING, SIZE);
        openAccess = accessBlock.access();
        nettyLine = nettyPooledAllocator.directBuffer(LINE + 1);
        directLine = ByteBuffer.allocateDirect(LINE + 1);
        line = pools.allocate(PoolType.STRING, LINE + 1);
        openLineAccess = line.access();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nettyPooled.release();
        nettyAdaptive.release();
        nettyLine.release();
        block.close();
        accessBlock.close(); // closes the open accesses first: this is their thread
        line.close();
        pools.close();
    }

    @Benchmark
    public int nettyPooledDirect() {
        ByteBuf buf = nettyPooled;
        byte v = seed++;
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            buf.setByte(i, v + i);
            sum += buf.getByte(i);
        }
        return sum;
    }

    @Benchmark
    public int nettyAdaptiveDirect() {
        ByteBuf buf = nettyAdaptive;
        byte v = seed++;
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            buf.setByte(i, v + i);
            sum += buf.getByte(i);
        }
        return sum;
    }

    @Benchmark
    public int directByteBuffer() {
        ByteBuffer buf = direct;
        byte v = seed++;
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            buf.put(i, (byte) (v + i));
            sum += buf.get(i);
        }
        return sum;
    }

    @Benchmark
    public int llePoolBlockSingleCall() {
        PoolBlock b = block;
        byte v = seed++;
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            b.put(i, (byte) (v + i));
            sum += b.get(i);
        }
        return sum;
    }

    @Benchmark
    public int llePoolBlockAccessOpen() {
        PoolBlock.Access a = openAccess;
        byte v = seed++;
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            a.put(i, (byte) (v + i));
            sum += a.get(i);
        }
        return sum;
    }

    @Benchmark
    public int llePoolBlockAccessPerLoop() {
        byte v = seed++;
        int sum = 0;
        try (PoolBlock.Access a = block.access()) {
            for (int i = 0; i < SIZE; i++) {
                a.put(i, (byte) (v + i));
                sum += a.get(i);
            }
        }
        return sum;
    }

    @Benchmark
    public int lineInsertNettyPooled() {
        ByteBuf buf = nettyLine;
        buf.setBytes(LINE / 2 + 1, buf, LINE / 2, LINE / 2);
        buf.setByte(LINE / 2, seed++);
        int b = buf.getByte(LINE / 2);
        buf.setBytes(LINE / 2, buf, LINE / 2 + 1, LINE / 2);
        return b;
    }

    @Benchmark
    public int lineInsertDirectByteBuffer() {
        ByteBuffer buf = directLine;
        buf.put(LINE / 2 + 1, buf, LINE / 2, LINE / 2);
        buf.put(LINE / 2, seed++);
        int b = buf.get(LINE / 2);
        buf.put(LINE / 2, buf, LINE / 2 + 1, LINE / 2);
        return b;
    }

    @Benchmark
    public int lleLineInsertSingleCall() {
        PoolBlock b = line;
        b.copy(LINE / 2, LINE / 2 + 1, LINE / 2);
        b.put(LINE / 2, seed++);
        int got = b.get(LINE / 2);
        b.copy(LINE / 2 + 1, LINE / 2, LINE / 2);
        return got;
    }

    @Benchmark
    public int lleLineInsertAccess() {
        PoolBlock.Access a = openLineAccess;
        a.copy(LINE / 2, LINE / 2 + 1, LINE / 2);
        a.put(LINE / 2, seed++);
        int got = a.get(LINE / 2);
        a.copy(LINE / 2 + 1, LINE / 2, LINE / 2);
        return got;
    }
}
