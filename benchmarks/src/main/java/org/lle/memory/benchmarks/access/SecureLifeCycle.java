package org.lle.memory.benchmarks.access;

import java.util.concurrent.TimeUnit;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
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
 * A secret's life in the POSIX provider: allocate 512 bytes, write a 32-byte key with one bulk write, close
 * (canary check, wipe, free). Beside it, the pool's allocate(512) + close in the same run; goal: the secure life
 * at most 2x of the pool's. The broker's life over the POSIX provider is reported.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SecureLifeCycle {
    static final int SIZE = 512;
    private final byte[] key = new byte[32];
    private SecureMemory posix;
    private SecureMemory broker;
    private MemoryPoolSystem pools;

    @Setup(Level.Trial)
    public void setUp() {
        posix = SecureProviders.named("posix");
        broker = SecureProviders.brokerOver(posix);
        pools = MemoryPools.create(PoolConfig.defaults());
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 31 + 7);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pools.close();
    }

    @Benchmark
    public SecureBuffer llePosixAllocWriteClose() {
        SecureBuffer buffer = posix.allocate(SIZE);
        buffer.write(0, key, 0, key.length);
        buffer.close();
        return buffer;
    }

    @Benchmark
    public SecureBuffer lleBrokerAllocWriteClose() {
        SecureBuffer buffer = broker.allocate(SIZE);
        buffer.write(0, key, 0, key.length);
        buffer.close();
        return buffer;
    }

    @Benchmark
    public PoolBlock llePoolAllocClose() {
        PoolBlock block = pools.allocate(PoolType.BUFFER, SIZE);
        block.close();
        return block;
    }
}
