package org.lle.memory.monitoring;

import java.nio.ByteBuffer;
import jdk.jfr.FlightRecorder;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.broker.internal.ProviderTraits;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.NativeCall;
import org.lle.memory.secure.posix.internal.nativ.NativeFaults;

/**
 * A child JVM's main for {@link NoRecordingCostTest}: passes every place that emits an lle-memory event (state
 * changes, a refusal, emergency use, a swap, a provider turning degraded, lock failures of chunks and regions),
 * then prints whether JFR got initialized.
 */
public final class NoRecordingChild {
    private NoRecordingChild() {
    }

    public static void main(String[] args) {
        try (MemoryPoolSystem pools = MemoryPools.create(PoolConfig.builder().typeBudget(PoolType.TEMP, 1024).build());
                LleMBeans.Registration jmx = LleMBeans.register(pools, null)) {
            try {
                pools.allocate(PoolType.TEMP, 4000, AllocationStrategy.PRIMARY_ONLY);
                throw new AssertionError("not refused");
            } catch (MemoryBudgetExceededException expected) {
                // the refusal event's place was passed
            }
            pools.allocate(PoolType.STRING, 64, AllocationStrategy.EMERGENCY_ONLY).close();
            pools.allocate(PoolType.STRING, 64).close();
        }
        HotSwapBroker broker = new HotSwapBroker();
        NoopSecureMemory noop = new NoopSecureMemory();
        broker.bind(noop, new ProviderTraits(-1000, 1, true));
        SecureBuffer moved = broker.allocate(32);
        broker.bind(SecureMemories.detect(), new ProviderTraits(1000, 2, false));
        broker.updated(noop, new ProviderTraits(-1000, 1, true));
        broker.updated(SecureMemories.detect(), new ProviderTraits(1000, 2, true));
        moved.close();
        broker.shutdown("child done");
        try (PosixSecureMemory posix = new PosixSecureMemory(PosixSettings.defaults())) {
            NativeFaults.failFrom(NativeCall.MLOCK, 1, Errno.ENOMEM);
            try (SecureBuffer unlocked = posix.allocate(100)) {
                posix.enableSecureMode(ByteBuffer.allocateDirect(64));
                System.out.println("posixDegraded=" + posix.info().degraded());
            } finally {
                NativeFaults.disarm();
            }
        }
        System.out.println("swaps=" + broker.swapCount());
        System.out.println("jfrInitialized=" + FlightRecorder.isInitialized());
    }
}
