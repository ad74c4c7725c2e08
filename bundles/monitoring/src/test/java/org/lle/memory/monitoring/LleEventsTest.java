package org.lle.memory.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lle.memory.monitoring.JfrCapture.lleEvents;
import static org.lle.memory.monitoring.JfrCapture.named;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolType;

/**
 * The lle-memory JFR events on the plain class path, with the real pool system: each is recorded when a
 * recording enables it (the bundle's settings file), and a recording with the JDK's default settings has none
 * of them (the control: they are off unless asked for).
 */
class LleEventsTest {
    private MemoryPoolSystem pools;
    private LleMBeans.Registration registration;

    @BeforeEach
    void monitoredPools() {
        pools = MemoryPools.create();
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
    void aRecordingWithTheJdkDefaultSettingsHasNoLleEvent() throws Exception {
        List<RecordedEvent> events = lleEvents(JfrCapture.jdkDefault(), this::lowMemoryAndBack);
        assertThat(events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toList())).isEmpty();
    }

    private void lowMemoryAndBack() {
        pools.allocate(PoolType.EVENT, 10, AllocationStrategy.EMERGENCY_ONLY).close(); // ACTIVE -> LOW_MEMORY
        pools.allocate(PoolType.EVENT, 10).close(); // the reserve is whole again: LOW_MEMORY -> ACTIVE
    }
}
