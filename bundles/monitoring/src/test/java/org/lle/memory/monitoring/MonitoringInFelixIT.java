package org.lle.memory.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lle.memory.monitoring.MBeanReader.lleNames;
import static org.lle.memory.monitoring.MBeanReader.read;
import static org.lle.memory.monitoring.MBeanReader.readAll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.ObjectName;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.testsupport.ClassPathFelix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The monitoring bundle in a real Apache Felix 7 with Felix SCR and the real pool, POSIX, no-op and broker
 * bundles: its MXBeans show what the services report, follow a provider swap (the POSIX bundle stopped and
 * started again), and are gone once the bundle stops. The bundle imports {@code jdk.jfr} and
 * {@code javax.management} from the system bundle with Felix's default system packages; a state-change event
 * emitted from inside the framework is read back from a JFR recording. The API comes from the system bundle
 * (it is on this class path), so the services are the same types this test sees.
 */
class MonitoringInFelixIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String[] CLASS_PATH_BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component-", "org.apache.felix.scr", "jna-", "lle-memory-pool",
        "lle-memory-secure-noop", "lle-memory-secure-posix", "lle-memory-secure-broker", "lle-memory-internal"};

    @TempDir
    Path storage;

    private ClassPathFelix felix;
    private BundleContext context;
    private Bundle posix;
    private Bundle monitoring;

    @BeforeEach
    void startFelix() throws Exception {
        assertThat(lleNames()).isEmpty();
        // only the lle API is added: jdk.jfr and javax.management come with Felix's defaults
        felix = ClassPathFelix.start(storage, "org.lle.memory.pool;version=1.0.0,org.lle.memory.pool.spi;version=1.0.0,"
                + ClassPathFelix.SECURE_API);
        context = felix.context();
        List<Bundle> bundles = felix.installFromClassPath(CLASS_PATH_BUNDLES);
        monitoring = felix.installBuilt("monitoring.bundle");
        bundles.add(monitoring);
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        posix = bundles.get(7);
        assertThat(posix.getSymbolicName()).isEqualTo("org.lle.memory.secure.posix");
    }

    @AfterEach
    void stopFelix() throws Exception {
        felix.close();
        assertThat(lleNames()).as("stopping the framework unregisters every bean").isEmpty();
    }

    @Test
    void beansShowTheServicesFollowASwapAndGoWithTheBundle() throws Exception {
        assertThat(monitoring.getState()).as("resolved: jdk.jfr and javax.management from the system bundle")
                .isEqualTo(Bundle.ACTIVE);
        ObjectName posixName = LleMBeans.secureMemory("posix");
        ObjectName noopName = LleMBeans.secureMemory("noop");
        Set<ObjectName> all = new HashSet<>(List.of(LleMBeans.POOLS, LleMBeans.SECURE_MEMORY_BROKER, posixName,
                noopName));
        for (PoolType type : PoolType.values()) {
            all.add(LleMBeans.poolType(type));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lleNames()).isEqualTo(all));

        MemoryPoolSystem pools = service(MemoryPoolSystem.class, null);
        SecureMemoryBroker broker = service(SecureMemoryBroker.class, null);
        SecureMemory posixService = service(SecureMemory.class, "(" + SecureMemoryProperties.PROVIDER + "=posix)");
        SecureMemory noopService = service(SecureMemory.class, "(" + SecureMemoryProperties.PROVIDER + "=noop)");

        List<PoolBlock> blocks = new ArrayList<>();
        blocks.add(pools.allocate(PoolType.HISTORY, 300));
        blocks.add(pools.allocate(PoolType.SYNTAX, 3000));
        List<SecureBuffer> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            secrets.add(broker.allocate(100 * (i + 1)));
        }
        assertThat(readAll(LleMBeans.POOLS)).isEqualTo(Expected.pools(pools));
        for (PoolType type : PoolType.values()) {
            assertThat(readAll(LleMBeans.poolType(type))).isEqualTo(Expected.poolType(pools, type));
        }
        assertThat(read(LleMBeans.POOLS, "LiveBlocks")).isEqualTo(2L);
        assertThat(readAll(posixName)).isEqualTo(Expected.provider(posixService));
        assertThat((Long) read(posixName, "LockedBytes")).isPositive();
        assertThat(readAll(noopName)).isEqualTo(Expected.provider(noopService));
        assertThat(readAll(LleMBeans.SECURE_MEMORY_BROKER)).isEqualTo(Expected.broker(broker));
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "Provider")).isEqualTo("posix");
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "LiveBuffers")).isEqualTo(3);
        long swaps = broker.swapCount();

        List<RecordedEvent> swapEvents = JfrCapture.lleEvents(LleEvents.configuration(), posix::stop);

        assertThat(JfrCapture.named(swapEvents, LleEvents.PROVIDER_SWAP)).as("emitted by the broker bundle")
                .singleElement().satisfies(swap -> {
                    assertThat(swap.getString("fromProvider")).isEqualTo("posix");
                    assertThat(swap.getString("toProvider")).isEqualTo("noop");
                    assertThat(swap.getInt("movedBuffers")).isEqualTo(3);
                    assertThat(swap.getInt("movesIntoDegraded")).isEqualTo(3);
                });
        await().atMost(WAIT).untilAsserted(() -> assertThat(lleNames()).doesNotContain(posixName));
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "Provider")).isEqualTo("noop");
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "Degraded")).isEqualTo(true);
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "SwapCount")).isEqualTo(swaps + 1);
        assertThat((Long) read(LleMBeans.SECURE_MEMORY_BROKER, "MovedBuffers")).isGreaterThanOrEqualTo(3);
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "MovesIntoDegraded")).isEqualTo(3L);
        assertThat(readAll(LleMBeans.SECURE_MEMORY_BROKER)).isEqualTo(Expected.broker(broker));

        posix.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(lleNames()).isEqualTo(all));
        SecureMemory newPosix = service(SecureMemory.class, "(" + SecureMemoryProperties.PROVIDER + "=posix)");
        assertThat(newPosix).as("a new provider instance after the restart").isNotSameAs(posixService);
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "Provider")).isEqualTo("posix");
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "SwapCount")).isEqualTo(swaps + 2);
        assertThat(readAll(LleMBeans.SECURE_MEMORY_BROKER)).isEqualTo(Expected.broker(broker));
        assertThat(readAll(posixName)).as("the bean reads the new instance").isEqualTo(Expected.provider(newPosix));
        assertThat((Long) read(posixName, "LockedBytes")).as("the 3 buffers moved back into locked memory")
                .isPositive();

        for (SecureBuffer secret : secrets) {
            secret.close();
        }
        for (PoolBlock block : blocks) {
            block.close();
        }
        assertThat(read(LleMBeans.SECURE_MEMORY_BROKER, "LiveBuffers")).isEqualTo(0);
        assertThat(readAll(LleMBeans.POOLS)).isEqualTo(Expected.pools(pools));

        monitoring.stop();

        assertThat(lleNames()).as("names gone with the monitoring bundle").isEmpty();
        try (PoolBlock block = pools.allocate(PoolType.TEMP, 10)) {
            assertThat(block.size()).as("the services themselves go on").isGreaterThanOrEqualTo(10);
        }

        monitoring.start();
        await().atMost(WAIT).untilAsserted(() -> assertThat(lleNames()).isEqualTo(all));
    }

    @Test
    void eventsEmittedInsideTheFrameworkAreRecordedByJfr() throws Exception {
        await().atMost(WAIT).until(() -> lleNames().contains(LleMBeans.POOLS));
        MemoryPoolSystem pools = service(MemoryPoolSystem.class, null);
        List<RecordedEvent> events = JfrCapture.lleEvents(LleEvents.configuration(), () -> {
            pools.allocate(PoolType.EVENT, 10, AllocationStrategy.EMERGENCY_ONLY).close(); // ACTIVE -> LOW_MEMORY
            pools.allocate(PoolType.EVENT, 10).close(); // the reserve is whole again: LOW_MEMORY -> ACTIVE
        });
        List<String> changes = new ArrayList<>();
        for (RecordedEvent event : JfrCapture.named(events, LleEvents.MEMORY_STATE_CHANGE)) {
            changes.add(event.getString("from") + "->" + event.getString("to"));
        }
        assertThat(changes).as("emitted by the monitoring bundle").containsExactly("ACTIVE->LOW_MEMORY",
                "LOW_MEMORY->ACTIVE");
        assertThat(JfrCapture.named(events, LleEvents.EMERGENCY_ALLOCATION)).as("emitted by the pool bundle")
                .singleElement().satisfies(e -> assertThat(e.getString("poolType")).isEqualTo("EVENT"));
    }

    private <S> S service(Class<S> type, String filter) throws Exception {
        ServiceReference<S> reference = context.getServiceReferences(type, filter).stream()
                .max(Comparable::compareTo).orElseThrow(() -> new AssertionError("no " + type.getName() + " " + filter));
        return context.getService(reference);
    }
}
