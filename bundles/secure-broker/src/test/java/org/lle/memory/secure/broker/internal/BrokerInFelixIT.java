package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.testsupport.ClassPathFelix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * The DS shell in a real Apache Felix with Felix SCR: the broker is registered as SecureMemoryBroker only,
 * follows the best-ranked SecureMemory (greedy), moves buffers on every swap under load, and wipes and closes
 * everything when the last provider's bundle stops. The API comes from the system bundle (it is on this class
 * path), so a SecureMemory registered from here is the same type the bundles see.
 */
class BrokerInFelixIT {
    private static final String[] CLASS_PATH_BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component-", "org.apache.felix.scr", "lle-memory-secure-noop", "lle-memory-internal"};

    @TempDir
    Path storage;

    private ClassPathFelix felix;
    private BundleContext context;
    private Bundle noop;

    @BeforeEach
    void startFelix() throws Exception {
        felix = ClassPathFelix.start(storage, ClassPathFelix.SECURE_API);
        context = felix.context();
        List<Bundle> bundles = felix.installFromClassPath(CLASS_PATH_BUNDLES);
        bundles.add(felix.installBuilt("broker.bundle"));
        ClassPathFelix.startAll(bundles);
        noop = bundles.get(4);
    }

    @AfterEach
    void stopFelix() throws Exception {
        felix.close();
    }

    @Test
    void brokerIsRegisteredAloneAndBindsTheNoopProvider() throws Exception {
        assertThat(context.getServiceReferences(SecureMemory.class, null)).as("the broker is no SecureMemory")
                .hasSize(1).first().satisfies(ref -> {
                    assertThat(ref.getProperty(SecureMemoryProperties.PROVIDER)).isEqualTo("noop");
                    assertThat(ref.getProperty(SecureMemoryProperties.DEGRADED)).isEqualTo(Boolean.TRUE);
                    assertThat((String[]) ref.getProperty(SecureMemoryProperties.CAPABILITIES))
                            .containsExactly("SECURE_WIPE");
                    assertThat(ref.getProperty(Constants.SERVICE_RANKING))
                            .isEqualTo(SecureMemoryProperties.RANKING_NOOP);
                });
        SecureMemoryBroker broker = broker();
        assertThat(broker.isAvailable()).isTrue();
        assertThat(broker.info().provider()).isEqualTo("noop");
        SecureBuffer buffer = broker.allocate(32);
        buffer.put(31, (byte) 4);
        context.ungetService(context.getServiceReference(SecureMemoryBroker.class));
        assertThat(buffer.isClosed()).as("the broker is immediate: a user letting go does not wipe buffers").isFalse();
        assertThat(buffer.get(31)).isEqualTo((byte) 4);
    }

    @Test
    void swapsUnderLoadKeepEveryBufferIntactAndTheLastProviderGoingAwayWipesThem() throws Exception {
        SecureMemoryBroker broker = broker();
        List<SecureBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SecureBuffer buffer = broker.allocate(100 + i * 50);
            buffer.write(0, filled(buffer.size(), i + 1), 0, buffer.size());
            buffers.add(buffer);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    for (int i = 0; i < buffers.size(); i++) {
                        if (!buffers.get(i).contentEquals(filled(buffers.get(i).size(), i + 1))) {
                            failures.add("buffer " + i + " changed");
                        }
                    }
                }
            }, "reader-" + t);
            readers.add(reader);
            reader.start();
        }
        int cycles = 30;
        for (int cycle = 0; cycle < cycles; cycle++) {
            ServiceRegistration<SecureMemory> better = registerBetterProvider();
            if (cycle % 10 == 0) {
                noop.stop(); // not the bound provider now: nothing moves, nothing is lost
                noop.start();
            }
            better.unregister();
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(failures).isEmpty();
        assertThat(broker.swapCount()).as("one swap to the better provider and one back, per cycle")
                .isEqualTo(2L * cycles);
        assertThat(broker.liveBuffers()).isEqualTo(buffers.size());

        noop.stop();

        assertThat(broker.isAvailable()).isFalse();
        assertThat(broker.liveBuffers()).isZero();
        for (SecureBuffer buffer : buffers) {
            assertThat(buffer.isClosed()).isTrue();
            assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(BrokeredBuffer.PROVIDER_GONE);
        }
        noop.start();
        assertThat(broker.isAvailable()).isTrue();
        try (SecureBuffer fresh = broker.allocate(16)) {
            assertThat(fresh.contentEquals(new byte[16])).isTrue();
        }
    }

    @Test
    void aLargeBufferTheBetterProviderCannotHoldStaysInTheNoopProviderAndSurvives() throws Exception {
        SecureMemoryBroker broker = broker();
        SecureBuffer large = broker.allocate(100_000);
        large.write(0, filled(100_000, 9), 0, 100_000);
        SecureBuffer fits = broker.allocate(1000);
        fits.write(0, filled(1000, 3), 0, 1000);

        // like the POSIX provider arriving after start-up, with its 64 KiB limit of before issue 9
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, SecureMemoryProperties.RANKING_POSIX);
        properties.put(SecureMemoryProperties.PROVIDER, "posix-like");
        properties.put(SecureMemoryProperties.DEGRADED, false);
        ServiceRegistration<SecureMemory> posixLike = context.registerService(SecureMemory.class,
                new LimitedProvider("posix-like", 64 * 1024, false), properties);

        assertThat(broker.info().provider()).isEqualTo("posix-like");
        assertThat(large.isClosed()).as("the no-op provider is still registered and holds it").isFalse();
        assertThat(large.contentEquals(filled(100_000, 9))).isTrue();
        assertThat(fits.contentEquals(filled(1000, 3))).isTrue();
        assertThat(broker.lostBuffers()).isZero();
        assertThat(broker.liveBuffers()).isEqualTo(2);
        assertThat(broker.movesOutOfDegraded()).as("only the one that fits left degraded memory").isEqualTo(1);

        posixLike.unregister();
        assertThat(large.contentEquals(filled(100_000, 9))).isTrue();
        assertThat(fits.contentEquals(filled(1000, 3))).isTrue();
        assertThat(broker.movesIntoDegraded()).isEqualTo(1);
        large.close();
        fits.close();
    }

    private ServiceRegistration<SecureMemory> registerBetterProvider() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, SecureMemoryProperties.RANKING_POSIX);
        properties.put(SecureMemoryProperties.PROVIDER, "better");
        return context.registerService(SecureMemory.class, new NoopSecureMemory(), properties);
    }

    private SecureMemoryBroker broker() {
        ServiceReference<SecureMemoryBroker> reference = context.getServiceReference(SecureMemoryBroker.class);
        assertThat(reference).as("SecureMemoryBroker service").isNotNull();
        return context.getService(reference);
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
