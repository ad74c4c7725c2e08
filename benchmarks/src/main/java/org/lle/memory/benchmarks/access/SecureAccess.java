package org.lle.memory.benchmarks.access;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
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
 * Using an open secure buffer: 64 single-byte put+get pairs on a 64-byte buffer, one operation. Netty's pooled
 * direct {@code ByteBuf} is the reference in the same run; goal: the POSIX provider's buffer through
 * {@link SecureBuffer#access()} at most 3x of it. The single-call {@code get}/{@code put} (each checked on its
 * own), the broker's buffer (over the POSIX provider) and the no-op provider's are reported beside it. The
 * {@code *Access} methods open and close the access around the 64 pairs, so its life cycle is in the number.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SecureAccess {
    static final int PAIRS = 64;

    private ByteBuf netty;
    private SecureMemory posix;
    private SecureMemory noop;
    private HotSwapBroker broker;
    private SecureBuffer posixBuffer;
    private SecureBuffer noopBuffer;
    private SecureBuffer brokerBuffer;

    @Setup(Level.Trial)
    public void setUp() {
        netty = PooledByteBufAllocator.DEFAULT.directBuffer(PAIRS, PAIRS);
        posix = SecureProviders.named("posix");
        noop = SecureProviders.named("noop");
        broker = SecureProviders.brokerOver(posix);
        posixBuffer = posix.allocate(PAIRS);
        noopBuffer = noop.allocate(PAIRS);
        brokerBuffer = broker.allocate(PAIRS);
        if (!posixBuffer.isLocked() || !brokerBuffer.isLocked()) {
            throw new IllegalStateException("the POSIX provider does not lock here: " + posix.info());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        netty.release();
        posixBuffer.close();
        noopBuffer.close();
        brokerBuffer.close();
    }

    @Benchmark
    public int nettyPooledDirect() {
        ByteBuf buf = netty;
        int sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            buf.setByte(i, i);
            sum += buf.getByte(i);
        }
        return sum;
    }

    @Benchmark
    public int llePosixSingleCall() {
        return pairs(posixBuffer);
    }

    @Benchmark
    public int llePosixAccess() {
        return pairsThroughAccess(posixBuffer);
    }

    @Benchmark
    public int lleBrokerSingleCall() {
        return pairs(brokerBuffer);
    }

    @Benchmark
    public int lleBrokerAccess() {
        return pairsThroughAccess(brokerBuffer);
    }

    @Benchmark
    public int lleNoopAccess() {
        return pairsThroughAccess(noopBuffer);
    }

    private static int pairs(SecureBuffer buffer) {
        int sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            buffer.put(i, (byte) i);
            sum += buffer.get(i);
        }
        return sum;
    }

    private static int pairsThroughAccess(SecureBuffer buffer) {
        try (SecureBuffer.Access access = buffer.access()) {
            int sum = 0;
            for (int i = 0; i < PAIRS; i++) {
                access.put(i, (byte) i);
                sum += access.get(i);
            }
            return sum;
        }
    }
}
