package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.broker.internal.osgi.SecureMemoryBrokerComponent;
import org.lle.memory.testsupport.ClassPathFelix;
import org.lle.memory.testsupport.LogCapture;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * The broker's configuration (PID {@value SecureMemoryBrokerComponent#PID}) through a real Config Admin in Felix
 * with SCR and Metatype: a valid policy applies at activation and on modification without dropping buffers; a
 * bad value is refused with a log naming the attribute, the value and the allowed values, and the previous
 * policy (the default at activation) stays; a provider's degradation changing at run time is an update.
 * Config Admin's API lives in its bundle, so this test reaches it through that bundle's class loader.
 */
class BrokerConfigurationInFelixIT {
    private static final String[] CLASS_PATH_BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component-", "org.apache.felix.scr", "org.osgi.service.log-", "org.apache.felix.configadmin",
        "org.apache.felix.metatype", "lle-memory-secure-noop", "lle-memory-internal"};
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path storage;

    private ClassPathFelix felix;
    private BundleContext context;
    private Bundle configAdmin;
    private Bundle broker;
    private LogCapture log;

    @BeforeEach
    void startFelix() throws Exception {
        log = LogCapture.of(SecureMemoryBrokerComponent.class.getName());
        felix = ClassPathFelix.start(storage, ClassPathFelix.SECURE_API);
        context = felix.context();
        for (Bundle bundle : felix.installFromClassPath(CLASS_PATH_BUNDLES)) {
            bundle.start();
            if ("org.apache.felix.configadmin".equals(bundle.getSymbolicName())) {
                configAdmin = bundle;
            }
        }
        broker = felix.installBuilt("broker.bundle");
    }

    @AfterEach
    void stopFelix() throws Exception {
        log.close();
        felix.close();
    }

    @Test
    void aBadPolicyAtActivationIsRefusedLoggedAndTheDefaultKept() throws Exception {
        configure("SOMETIMES");
        broker.start();
        SecureMemoryBroker service = broker();
        await("the refusal is logged", () -> log.messages(Level.SEVERE).stream().anyMatch(m ->
                m.contains("degradedMemory=\"SOMETIMES\" is not an allowed value; allowed: ALLOW, REFUSE")
                        && m.contains("keeping the default, degradedMemory=ALLOW")));
        try (SecureBuffer buffer = service.allocate(16)) {
            assertThat(buffer.size()).as("ALLOW: the degraded no-op provider serves").isEqualTo(16);
        }
        assertThat(service.toString()).contains("degradedMemory=ALLOW");
    }

    @Test
    void refuseAtActivationKeepsSecretsOutOfTheNoopProvider() throws Exception {
        configure("REFUSE");
        broker.start();
        SecureMemoryBroker service = broker();
        await("REFUSE applies", () -> service.toString().contains("degradedMemory=REFUSE"));
        assertThatThrownBy(() -> service.allocate(16)).isInstanceOf(SecureMemoryException.class)
                .hasMessageContaining("degradedMemory=REFUSE")
                .extracting(e -> ((SecureMemoryException) e).result()).isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);
        assertThat(log.messages(Level.SEVERE)).isEmpty();
        assertThat(context.getServiceReference(SecureMemoryBroker.class).getProperty("degradedMemory"))
                .as("DS publishes the configured policy as a service property (lle:status shows it)")
                .isEqualTo("REFUSE");
    }

    @Test
    void aModificationAppliesInPlaceAndABadOneKeepsThePreviousPolicy() throws Exception {
        broker.start();
        SecureMemoryBroker service = broker();
        SecureBuffer kept = service.allocate(32);
        kept.put(31, (byte) 7);

        configure("REFUSE");
        await("REFUSE applies", () -> service.toString().contains("degradedMemory=REFUSE"));
        assertThatThrownBy(() -> service.allocate(16)).isInstanceOf(SecureMemoryException.class);

        configure("maybe");
        await("the refusal is logged", () -> log.messages(Level.SEVERE).stream().anyMatch(m ->
                m.contains("degradedMemory=\"maybe\" is not an allowed value; allowed: ALLOW, REFUSE")
                        && m.contains("keeping the previous policy, degradedMemory=REFUSE")));
        assertThat(service.toString()).contains("degradedMemory=REFUSE");
        assertThatThrownBy(() -> service.allocate(16)).isInstanceOf(SecureMemoryException.class);

        configure("ALLOW");
        await("ALLOW applies", () -> service.toString().contains("degradedMemory=ALLOW"));
        service.allocate(16).close();
        assertThat(kept.get(31)).as("modified in place: the buffer of before is still there").isEqualTo((byte) 7);
        assertThat(broker()).as("the same service object, never reactivated").isSameAs(service);
        kept.close();
    }

    @Test
    void aProviderTurningDegradedIsAnUpdateAndRefuseStopsAllocatingInIt() throws Exception {
        configure("REFUSE");
        broker.start();
        SecureMemoryBroker service = broker();
        await("REFUSE applies", () -> service.toString().contains("degradedMemory=REFUSE"));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, SecureMemoryProperties.RANKING_POSIX);
        properties.put(SecureMemoryProperties.PROVIDER, "posix-like");
        properties.put(SecureMemoryProperties.DEGRADED, false);
        ServiceRegistration<SecureMemory> posixLike = context.registerService(SecureMemory.class,
                new LimitedProvider("posix-like", 1 << 20, false), properties);
        SecureBuffer secret = service.allocate(48);
        secret.put(0, (byte) 1);

        properties.put(SecureMemoryProperties.DEGRADED, true);
        posixLike.setProperties(properties);

        assertThat(service.isAvailable()).as("no non-degraded provider left").isFalse();
        assertThatThrownBy(() -> service.allocate(16)).isInstanceOf(SecureMemoryException.class);
        assertThat(secret.get(0)).as("an update moves nothing and wipes nothing").isEqualTo((byte) 1);
        assertThat(service.lostBuffers()).isZero();

        properties.put(SecureMemoryProperties.DEGRADED, false);
        posixLike.setProperties(properties);
        assertThat(service.info().provider()).isEqualTo("posix-like");
        secret.close();
        posixLike.unregister();
    }

    private void configure(String policy) throws Exception {
        Class<?> adminType = configAdmin.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configurationType = configAdmin.loadClass("org.osgi.service.cm.Configuration");
        // all references: the Config Admin jar is on this class path too, so its API classes here are not the
        // bundle's, and the assignability filter of getServiceReference would hide the service
        await("Config Admin", () -> allReferences(adminType.getName()) != null);
        ServiceReference<?> reference = allReferences(adminType.getName())[0];
        Object admin = context.getService(reference);
        Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, SecureMemoryBrokerComponent.PID, "?");
        Dictionary<String, Object> values = new Hashtable<>();
        values.put("degradedMemory", policy);
        configurationType.getMethod("update", Dictionary.class).invoke(configuration, values);
    }

    private ServiceReference<?>[] allReferences(String type) {
        try {
            return context.getAllServiceReferences(type, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecureMemoryBroker broker() throws InterruptedException {
        await("the broker service", () -> context.getServiceReference(SecureMemoryBroker.class) != null);
        return context.getService(context.getServiceReference(SecureMemoryBroker.class));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("timed out waiting for " + what).isTrue();
            Thread.sleep(10);
        }
    }
}
