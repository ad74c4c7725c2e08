package org.lle.memory.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lle.memory.monitoring.JfrCapture.lleEvents;
import static org.lle.memory.monitoring.JfrCapture.named;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.broker.internal.ProviderTraits;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.NativeCall;
import org.lle.memory.secure.posix.internal.nativ.NativeFaults;

/**
 * The lle-memory JFR events on the plain class path, with the real pool system, the real broker and the real
 * POSIX and no-op providers: each is recorded when a recording enables it (the bundle's settings file), and a
 * recording with the JDK's default settings has none of them (the control: they are off unless asked for).
 */
class LleEventsTest {
    private MemoryPoolSystem pools;
    private LleMBeans.Registration registration;

    @BeforeEach
    void monitoredPools() {
        pools = MemoryPools.create(PoolConfig.builder().typeBudget(PoolType.TEMP, 1024).build());
        registration = LleMBeans.register(pools, null);
    }

    @AfterEach
    void close() {
        registration.close();
        pools.close();
    }

    @Test
    void theSettingsFileEnablesEveryEventByName() {
        assertThat(LleEvents.configuration().getSettings())
                .containsKeys(LleEvents.ALL.stream().map(name -> name + "#enabled").toArray(String[]::new))
                .allSatisfy((key, value) -> {
                    if (key.endsWith("#enabled")) {
                        assertThat(value).as(key).isEqualTo("true");
                    }
                });
    }

    @Test
    void stateChangesOfAMonitoredPoolSystemAreRecorded() throws Exception {
        List<RecordedEvent> events = lleEvents(LleEvents.configuration(), this::lowMemoryAndBack);

        List<RecordedEvent> changes = named(events, LleEvents.MEMORY_STATE_CHANGE);
        assertThat(changes.stream().map(e -> e.getString("from") + "->" + e.getString("to")))
                .containsExactly("ACTIVE->LOW_MEMORY", "LOW_MEMORY->ACTIVE");
        assertThat(changes.get(0).getStackTrace()).as("where the change happened").isNotNull();
        assertThat(changes.get(0).getThread().getJavaName()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void afterTheRegistrationClosesStateChangesAreNoLongerRecorded() throws Exception {
        registration.close();
        List<RecordedEvent> events = lleEvents(LleEvents.configuration(), this::lowMemoryAndBack);
        assertThat(named(events, LleEvents.MEMORY_STATE_CHANGE)).isEmpty();
    }

    @Test
    void aRefusalAndAnEmergencyAllocationAreRecordedWithTheirNumbers() throws Exception {
        List<RecordedEvent> events = lleEvents(LleEvents.configuration(), this::refusalAndEmergency);

        List<RecordedEvent> refusals = named(events, LleEvents.BUDGET_REFUSAL);
        assertThat(refusals).hasSize(1);
        RecordedEvent refusal = refusals.get(0);
        assertThat(refusal.getString("poolType")).isEqualTo("TEMP");
        assertThat(refusal.getInt("size")).isEqualTo(2000);
        assertThat(refusal.getString("strategy")).isEqualTo("PRIMARY_ONLY");
        assertThat(refusal.getLong("budgetBytes")).isEqualTo(1024);
        assertThat(refusal.getString("reason")).contains("TEMP budget of 1024 bytes");
        assertThat(refusal.getStackTrace().getFrames().stream().map(f -> f.getMethod().getName()))
                .as("the stack names the caller").contains("refusalAndEmergency");

        List<RecordedEvent> emergencies = named(events, LleEvents.EMERGENCY_ALLOCATION);
        assertThat(emergencies).hasSize(1);
        assertThat(emergencies.get(0).getString("poolType")).isEqualTo("STRING");
        assertThat(emergencies.get(0).getInt("size")).isEqualTo(64);
        assertThat(emergencies.get(0).getLong("reserveUsedBytes")).isPositive();
        assertThat(emergencies.get(0).getLong("reserveBytes")).isEqualTo(pools.config().emergencyReserveBytes());
        assertThat(pools.totalStats().failures()).isEqualTo(1);
        assertThat(pools.totalStats().emergencyAllocations()).isEqualTo(1);
    }

    @Test
    void aSwapIsRecordedWithTheBuffersMovedAndADegradationAsTheBrokerSeesIt() throws Exception {
        HotSwapBroker broker = new HotSwapBroker();
        SecureMemory posix = SecureMemories.detect();
        NoopSecureMemory noop = new NoopSecureMemory();
        List<SecureBuffer> buffers = new ArrayList<>();
        try {
            List<RecordedEvent> events = lleEvents(LleEvents.configuration(), () -> {
                broker.bind(noop, new ProviderTraits(-1000, 1, true));
                for (int i = 0; i < 3; i++) {
                    buffers.add(broker.allocate(100));
                }
                broker.bind(posix, new ProviderTraits(1000, 2, false)); // noop -> posix: 3 out of degraded memory
                broker.updated(posix, new ProviderTraits(1000, 2, true)); // posix says it is degraded now
            });

            List<RecordedEvent> swaps = named(events, LleEvents.PROVIDER_SWAP);
            assertThat(swaps).hasSize(1);
            RecordedEvent swap = swaps.get(0);
            assertThat(swap.getString("fromProvider")).isEqualTo("noop");
            assertThat(swap.getString("toProvider")).isEqualTo("posix");
            assertThat(swap.getInt("movedBuffers")).isEqualTo(3);
            assertThat(swap.getInt("movesOutOfDegraded")).isEqualTo(3);
            assertThat(swap.getInt("movesIntoDegraded")).isZero();
            assertThat(swap.getInt("stayedBuffers")).isZero();
            assertThat(swap.getDuration()).as("a duration event around the moves").isPositive();
            assertThat(broker.movedBuffers()).isEqualTo(3);

            List<RecordedEvent> degradations = named(events, LleEvents.DEGRADATION);
            assertThat(degradations).hasSize(1);
            assertThat(degradations.get(0).getString("provider")).isEqualTo("posix");
            assertThat(degradations.get(0).getString("source")).isEqualTo("broker");
        } finally {
            broker.shutdown("test over");
        }
    }

    @Test
    void lockFailuresAndThePosixProvidersDegradationAreRecorded() throws Exception {
        try (PosixSecureMemory lenient = new PosixSecureMemory(PosixSettings.defaults());
                PosixSecureMemory strict = new PosixSecureMemory(new PosixSettings(true, false,
                        PosixSettings.DEFAULT_CHUNK_SIZE, false))) {
            List<RecordedEvent> events = lleEvents(LleEvents.configuration(), () -> failingLocks(lenient, strict));

            List<RecordedEvent> failures = named(events, LleEvents.LOCK_FAILURE);
            assertThat(failures).extracting(e -> e.getString("what") + " strict=" + e.getBoolean("strict"))
                    .containsExactly("chunk strict=false", "chunk strict=true", "region strict=false");
            for (RecordedEvent failure : failures) {
                assertThat(failure.getInt("errno")).isEqualTo(Errno.ENOMEM);
                assertThat(failure.getString("message")).contains("ENOMEM");
                assertThat(failure.getLong("bytes")).isPositive();
            }
            assertThat(failures.get(0).getString("lockLimit")).startsWith("RLIMIT_MEMLOCK");

            List<RecordedEvent> degradations = named(events, LleEvents.DEGRADATION);
            assertThat(degradations).as("once, at the first unlocked chunk of the lenient provider").hasSize(1);
            assertThat(degradations.get(0).getString("provider")).isEqualTo("posix");
            assertThat(degradations.get(0).getString("source")).isEqualTo("posix");
            assertThat(degradations.get(0).getString("reason")).contains("ENOMEM");
        }
    }

    /** Every mlock fails (injected ENOMEM): an unlocked buffer, a strict refusal, a region that stays unlocked. */
    private static void failingLocks(PosixSecureMemory lenient, PosixSecureMemory strict) {
        NativeFaults.failFrom(NativeCall.MLOCK, 1, Errno.ENOMEM);
        try {
            try (SecureBuffer unlocked = lenient.allocate(100)) {
                unlocked.put(0, (byte) 1);
                assertThat(lenient.info().degraded()).as("the provider itself says so").isTrue();
            }
            assertThatThrownBy(() -> strict.allocate(100)).isInstanceOf(SecureMemoryException.class)
                    .hasMessageContaining("strict mode");
            java.nio.ByteBuffer region = java.nio.ByteBuffer.allocateDirect(64);
            assertThat(lenient.enableSecureMode(region)).isEqualTo(SecureResult.OUT_OF_MEMORY);
        } finally {
            NativeFaults.disarm();
        }
    }

    @Test
    void aRecordingWithTheJdkDefaultSettingsHasNoLleEvent() throws Exception {
        HotSwapBroker broker = new HotSwapBroker();
        try {
            List<RecordedEvent> events = lleEvents(JfrCapture.jdkDefault(), () -> {
                lowMemoryAndBack();
                refusalAndEmergency();
                broker.bind(new NoopSecureMemory(), new ProviderTraits(-1000, 1, true));
                broker.allocate(10);
                SecureMemory posix = SecureMemories.detect();
                broker.bind(posix, new ProviderTraits(1000, 2, false));
                broker.updated(posix, new ProviderTraits(1000, 2, true));
                try (PosixSecureMemory lenient = new PosixSecureMemory(PosixSettings.defaults());
                        PosixSecureMemory strict = new PosixSecureMemory(new PosixSettings(true, false,
                                PosixSettings.DEFAULT_CHUNK_SIZE, false))) {
                    failingLocks(lenient, strict);
                }
            });
            assertThat(events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toList())).isEmpty();
            assertThat(broker.swapCount()).as("the workload did swap").isEqualTo(1);
        } finally {
            broker.shutdown("test over");
        }
    }

    private void refusalAndEmergency() {
        assertThatThrownBy(() -> pools.allocate(PoolType.TEMP, 2000, AllocationStrategy.PRIMARY_ONLY)) // a 2048-byte block
                .isInstanceOf(MemoryBudgetExceededException.class);
        pools.allocate(PoolType.STRING, 64, AllocationStrategy.EMERGENCY_ONLY).close();
        pools.allocate(PoolType.STRING, 64).close(); // back to ACTIVE
    }

    private void lowMemoryAndBack() {
        pools.allocate(PoolType.EVENT, 10, AllocationStrategy.EMERGENCY_ONLY).close(); // ACTIVE -> LOW_MEMORY
        pools.allocate(PoolType.EVENT, 10).close(); // the reserve is whole again: LOW_MEMORY -> ACTIVE
    }
}
