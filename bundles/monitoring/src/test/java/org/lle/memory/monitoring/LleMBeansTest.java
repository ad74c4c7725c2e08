package org.lle.memory.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lle.memory.monitoring.MBeanReader.SERVER;
import static org.lle.memory.monitoring.MBeanReader.lleNames;
import static org.lle.memory.monitoring.MBeanReader.read;
import static org.lle.memory.monitoring.MBeanReader.readAll;

import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/**
 * The plain-classpath registration with the real pool system, the real POSIX and no-op providers and the real
 * broker: every attribute read back by name from the platform MBean server equals what the service reports.
 */
@SuppressWarnings("unchecked")
class LleMBeansTest {
    private MemoryPoolSystem pools;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void pools() throws Exception {
        assertThat(lleNames()).as("no lle-memory bean left over from another test").isEmpty();
        pools = MemoryPools.create(PoolConfig.builder().typeBudget(PoolType.TEMP, 1024).build());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        pools.close();
        assertThat(lleNames()).isEmpty();
    }

    @Test
    void poolBeansShowWhatThePoolSystemReportsAfterAllocationsRefusalsAndEmergencyUse() throws Exception {
        LleMBeans.Registration registration = register(pools, null);
        assertThat(registration.names()).hasSize(1 + PoolType.values().length);
        assertThat(lleNames()).isEqualTo(registration.names());

        List<PoolBlock> blocks = new ArrayList<>();
        for (PoolType type : PoolType.values()) {
            blocks.add(pools.allocate(type, 100));
        }
        blocks.add(pools.allocate(PoolType.BUFFER, 5000));
        blocks.add(pools.allocate(PoolType.TEMP, 500)); // 128 + 512 of the 1024 bytes TEMP may hold
        blocks.remove(0).close();
        assertThatThrownBy(() -> pools.allocate(PoolType.TEMP, 500, AllocationStrategy.PRIMARY_ONLY))
                .isInstanceOf(MemoryBudgetExceededException.class);
        assertThat(read(LleMBeans.POOLS, "State")).isEqualTo(MemoryState.LOW_MEMORY.name());
        blocks.add(pools.allocate(PoolType.STRING, 64, AllocationStrategy.EMERGENCY_ONLY));

        assertThat(pools.totalStats().failures()).isEqualTo(1);
        assertThat(pools.totalStats().emergencyAllocations()).isEqualTo(1);
        assertThat(readAll(LleMBeans.POOLS)).isEqualTo(Expected.pools(pools));
        for (PoolType type : PoolType.values()) {
            assertThat(readAll(LleMBeans.poolType(type))).as(type.name()).isEqualTo(Expected.poolType(pools, type));
        }
        assertThat(read(LleMBeans.poolType(PoolType.TEMP), "Failures")).isEqualTo(1L);
        assertThat(read(LleMBeans.poolType(PoolType.TEMP), "BudgetBytes")).isEqualTo(1024L);
        assertThat(read(LleMBeans.POOLS, "LiveBlocks")).isEqualTo((long) blocks.size());

        for (PoolBlock block : blocks) {
            block.close();
        }
        assertThat(read(LleMBeans.POOLS, "LiveBlocks")).as("read live, not cached").isEqualTo(0L);
        assertThat(readAll(LleMBeans.POOLS)).isEqualTo(Expected.pools(pools));
    }

    @Test
    void theBeansAreMxBeansAProxyCanRead() throws Exception {
        register(pools, null);
        PoolsMXBean proxy = JMX.newMXBeanProxy(SERVER, LleMBeans.POOLS, PoolsMXBean.class);
        try (PoolBlock block = pools.allocate(PoolType.EVENT, 40)) {
            assertThat(proxy.getLiveBytes()).isEqualTo(40);
            assertThat(JMX.newMXBeanProxy(SERVER, LleMBeans.poolType(PoolType.EVENT), PoolTypeMXBean.class)
                    .getSizeClasses()).containsExactly(org.lle.memory.pool.TypeConfig.DEFAULT_SIZE_CLASSES.stream()
                            .mapToInt(Integer::intValue).toArray());
        }
        assertThat(JMX.isMXBeanInterface(SecureMemoryMXBean.class)).isTrue();
        assertThat(JMX.isMXBeanInterface(SecureMemoryBrokerMXBean.class)).isTrue();
    }

    @Test
    void posixProviderBeanShowsLockedBytesAsTheProviderReportsThem() throws Exception {
        SecureMemory posix = SecureMemories.detect();
        assertThat(posix.info().provider()).as("this machine runs the POSIX provider").isEqualTo("posix");
        LleMBeans.Registration registration = register(null, posix);
        ObjectName name = LleMBeans.secureMemory("posix");
        assertThat(registration.names()).containsExactly(name);

        try (SecureBuffer a = posix.allocate(1000); SecureBuffer b = posix.allocate(70_000)) {
            a.put(0, (byte) 1);
            assertThat(read(name, "LockedBytes")).isEqualTo(posix.info().lockedBytes());
            assertThat((Long) read(name, "LockedBytes")).isGreaterThanOrEqualTo(71_000);
            assertThat(readAll(name)).isEqualTo(Expected.provider(posix));
            assertThat((List<Object>) read(name, "Capabilities")).contains(SecureCapability.MLOCK.name(),
                    SecureCapability.SECURE_WIPE.name());
        }
        assertThat(readAll(name)).isEqualTo(Expected.provider(posix));
    }

    @Test
    void noopProviderBeanIsDegradedWithItsReason() throws Exception {
        NoopSecureMemory noop = new NoopSecureMemory();
        register(null, noop);
        ObjectName name = LleMBeans.secureMemory("noop");
        assertThat(readAll(name)).isEqualTo(Expected.provider(noop));
        assertThat(read(name, "Degraded")).isEqualTo(true);
        assertThat((String) read(name, "DegradationReason")).isNotEmpty();
        assertThat((List<Object>) read(name, "Capabilities")).containsExactly("SECURE_WIPE");
        assertThat(read(name, "LockedBytes")).isEqualTo(0L);
    }

    @Test
    void brokerBeanFollowsASwapFromNoopToPosix() throws Exception {
        HotSwapBroker broker = new HotSwapBroker();
        toClose.add(() -> broker.shutdown("test over"));
        register(null, broker);
        ObjectName name = LleMBeans.SECURE_MEMORY_BROKER;
        assertThat(readAll(name)).isEqualTo(Expected.broker(broker));
        assertThat(read(name, "Available")).isEqualTo(false);
        assertThat(read(name, "Provider")).isEqualTo("none");

        broker.bind(new NoopSecureMemory());
        List<SecureBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            buffers.add(broker.allocate(64 + i));
        }
        assertThat(read(name, "Provider")).isEqualTo("noop");
        assertThat(read(name, "Degraded")).isEqualTo(true);

        broker.bind(SecureMemories.detect());

        assertThat(read(name, "Provider")).isEqualTo("posix");
        assertThat(read(name, "Degraded")).isEqualTo(false);
        assertThat(read(name, "SwapCount")).isEqualTo(1L);
        assertThat(read(name, "MovedBuffers")).isEqualTo(3L);
        assertThat(read(name, "MovesOutOfDegraded")).isEqualTo(3L);
        assertThat(read(name, "LiveBuffers")).isEqualTo(3);
        assertThat(readAll(name)).isEqualTo(Expected.broker(broker));
        for (SecureBuffer buffer : buffers) {
            buffer.close();
        }
        assertThat(read(name, "LiveBuffers")).isEqualTo(0);
    }

    @Test
    void aSecondRegistrationOfATakenNameFailsNamingItAndRegistersNothing() throws Exception {
        LleMBeans.Registration first = register(pools, null);
        try (MemoryPoolSystem other = MemoryPools.create()) {
            NoopSecureMemory noop = new NoopSecureMemory();
            assertThatThrownBy(() -> LleMBeans.register(other, noop))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(LleMBeans.POOLS.toString())
                    .hasMessageContaining("registered already");
            assertThat(lleNames()).as("nothing of the failed call stays").isEqualTo(first.names());

            first.close();
            assertThat(lleNames()).isEmpty();
            first.close(); // idempotent
            register(other, noop);
            assertThat(lleNames()).contains(LleMBeans.POOLS, LleMBeans.secureMemory("noop"));
            assertThat(read(LleMBeans.POOLS, "BudgetBytes")).isEqualTo(other.config().totalBudgetBytes());
        }
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThatThrownBy(() -> LleMBeans.register(null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both pools and secure are null");
        assertThat(LleMBeans.secureMemory("a,b=c").toString())
                .isEqualTo("org.lle.memory:type=SecureMemory,provider=\"a,b=c\"");
    }

    private LleMBeans.Registration register(MemoryPoolSystem p, SecureMemory s) {
        LleMBeans.Registration registration = LleMBeans.register(p, s);
        toClose.add(registration);
        return registration;
    }
}
