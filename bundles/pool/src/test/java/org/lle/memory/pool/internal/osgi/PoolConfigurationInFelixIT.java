package org.lle.memory.pool.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;
import org.lle.memory.testsupport.ClassPathFelix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The pool component in a real Apache Felix with Felix SCR, Config Admin and Metatype: every bad value of every
 * attribute the metatype declares is refused with a log naming the attribute, the value and what is allowed,
 * and the MemoryPoolSystem service stays: with the defaults when the bad value was stored before activation,
 * with the previous settings when it arrives as a change. The API and the cm/metatype packages come from the
 * system bundle (they are on this class path), so the services are the types this test sees.
 */
class PoolConfigurationInFelixIT {
    private static final String PID = "org.lle.memory.pool";
    private static final long WAIT_MS = 20_000;
    private static final String[] CLASS_PATH_BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component-", "org.osgi.service.log", "org.apache.felix.configadmin",
        "org.apache.felix.metatype", "org.apache.felix.scr", "lle-memory-internal"};
    /** A valid configuration with non-default values, so "kept the previous settings" is visible. */
    private static final Map<String, Object> VALID = Map.of("threadCacheSize", 7, "selection", "FIRST_FIT",
            "typeBudgets", new String[] {"HISTORY=8388608"});

    @TempDir
    static Path storage;

    private static ClassPathFelix felix;
    private static BundleContext context;
    private static Bundle pool;
    /** Held strongly: the log manager keeps loggers weakly, and a collected one would lose the handler. */
    private static final Logger POOL_LOGGER = Logger.getLogger(PID);
    private static final ConcurrentLinkedQueue<LogRecord> LOG = new ConcurrentLinkedQueue<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startFelix() throws Exception {
        POOL_LOGGER.addHandler(CAPTURE);
        felix = ClassPathFelix.start(storage, "org.lle.memory.pool;version=1.0.0,org.lle.memory.pool.spi;version=1.0.0,"
                + "org.osgi.service.cm;version=1.6.1,org.osgi.service.metatype;version=1.4.1");
        context = felix.context();
        List<Bundle> bundles = felix.installFromClassPath(CLASS_PATH_BUNDLES);
        pool = felix.installBuilt("pool.bundle");
        bundles.add(pool);
        ClassPathFelix.startAll(bundles);
    }

    @AfterAll
    static void stopFelix() throws Exception {
        felix.close();
        POOL_LOGGER.removeHandler(CAPTURE);
    }

    /**
     * An empty configuration, not a deleted one: the same configuration object is only ever updated, so its
     * events reach SCR in order with rising change counts (a delete followed at once by a new configuration of
     * the same PID was once left unapplied for 20 s).
     *
     * <p>Each wait must wait for a change: when the defaults are already in effect, waiting for them returns at
     * once and leaves the update's event queued behind the test's next update. SCR then handled the stale
     * event with the newer properties and dropped the next update's event as already seen, so a bad value's
     * refusal was never logged (seen once, on a loaded machine). A distinct valid configuration first makes
     * both waits real.
     */
    @BeforeEach
    void emptyConfiguration() throws Exception {
        update(Map.of("threadCacheSize", 3));
        awaitConfig(PoolConfig.defaults().toBuilder().threadCacheSize(3).build());
        update(Map.of());
        awaitConfig(PoolConfig.defaults());
    }

    @Test
    void everyMetatypeAttributeHasBadValuesToTry() {
        Set<String> declared = metatypeAttributes();
        assertThat(declared).as("the metatype of " + PID).hasSize(10);
        assertThat(BadAttributeValues.ALL.stream().map(BadAttributeValues.Case::attribute).collect(Collectors.toSet()))
                .isEqualTo(declared);
    }

    @Test
    void aValidConfigurationIsAppliedAtActivationAndOnModification() throws Exception {
        Map<String, Object> all = Map.of("sizeClasses", new String[] {"*=64,256"},
                "typeBudgets", new String[] {"EVENT=1048576"}, "totalBudgetBytes", 1L << 30,
                "emergencyReserveBytes", 0L, "blocksPerPool", 16, "poolsPerClass", 3,
                "defaultStrategy", "PRIMARY_ONLY", "selection", "ROUND_ROBIN", "leakDetection", "PARANOID",
                "threadCacheSize", 0);
        PoolConfig expected = PoolConfig.builder().totalBudget(1L << 30).emergencyReserve(0)
                .defaultStrategy(AllocationStrategy.PRIMARY_ONLY).selection(PoolSelection.ROUND_ROBIN)
                .leakDetection(LeakDetection.PARANOID).threadCacheSize(0).build();
        PoolConfig.Builder b = expected.toBuilder();
        for (PoolType type : PoolType.values()) {
            b.sizeClasses(type, 64, 256).blocksPerPool(type, 16).poolsPerClass(type, 3);
        }
        expected = b.typeBudget(PoolType.EVENT, 1L << 20).build();
        update(all);
        awaitConfig(expected);
        pool.stop();
        pool.start();
        assertThat(service().config()).as("at activation").isEqualTo(expected);
    }

    @Test
    void everyBadValueAtActivationLeavesTheServiceRunningWithTheDefaults() throws Exception {
        List<String> failures = new ArrayList<>();
        for (BadAttributeValues.Case bad : BadAttributeValues.ALL) {
            pool.stop();
            LOG.clear();
            update(withBad(bad));
            pool.start();
            MemoryPoolSystem system = service();
            if (system == null) {
                failures.add(bad + ": no MemoryPoolSystem service after activation");
                continue;
            }
            check(bad, system, PoolConfig.defaults(), failures);
        }
        System.out.println("activation: " + BadAttributeValues.ALL.size() + " bad values of "
                + metatypeAttributes().size() + " attributes, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
    }

    @Test
    void everyBadValueOnModificationKeepsThePreviousSettings() throws Exception {
        update(VALID);
        PoolConfig previous = PoolConfig.builder().threadCacheSize(7).selection(PoolSelection.FIRST_FIT)
                .typeBudget(PoolType.HISTORY, 8388608).build();
        awaitConfig(previous);
        MemoryPoolSystem before = service();
        List<String> failures = new ArrayList<>();
        for (BadAttributeValues.Case bad : BadAttributeValues.ALL) {
            LOG.clear();
            update(withBad(bad));
            MemoryPoolSystem system = service();
            if (system != before) {
                failures.add(bad + ": the service was replaced (" + system + ")");
                continue;
            }
            check(bad, system, previous, failures);
        }
        System.out.println("modification: " + BadAttributeValues.ALL.size() + " bad values, " + failures.size()
                + " failures");
        assertThat(failures).isEmpty();
    }

    private static void check(BadAttributeValues.Case bad, MemoryPoolSystem system, PoolConfig expected,
            List<String> failures) {
        await(() -> LOG.stream().anyMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()));
        if (refusal(bad) == null) {
            failures.add(bad + ": no ERROR log naming the attribute and the value; got "
                    + LOG.stream().map(LogRecord::getMessage).collect(Collectors.toList()));
            return;
        }
        LogRecord refusal = refusal(bad);
        if (!refusal.getMessage().contains(bad.allowed())) {
            failures.add(bad + ": the log does not say what is allowed (" + bad.allowed() + "): "
                    + refusal.getMessage());
        }
        if (!system.config().equals(expected)) {
            failures.add(bad + ": configuration in effect " + system.config() + ", expected " + expected);
        }
        try (PoolBlock block = system.allocate(PoolType.BUFFER, 100)) {
            block.put(99, (byte) 1);
        } catch (RuntimeException e) {
            failures.add(bad + ": the service does not allocate: " + e);
        }
    }

    private static Map<String, Object> withBad(BadAttributeValues.Case bad) {
        Map<String, Object> properties = new java.util.HashMap<>(VALID);
        properties.put(bad.attribute(), bad.value());
        return properties;
    }

    private static LogRecord refusal(BadAttributeValues.Case bad) {
        return LOG.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(r -> r.getMessage() != null && r.getMessage().contains(bad.attribute())
                        && r.getMessage().contains("'" + bad.shown() + "'"))
                .findFirst().orElse(null);
    }

    private static void awaitConfig(PoolConfig expected) {
        boolean reached = await(() -> {
            MemoryPoolSystem system = service();
            return system != null && system.config().equals(expected);
        });
        assertThat(reached).as("configuration " + expected + " in effect within " + WAIT_MS + " ms").isTrue();
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    private static void update(Map<String, Object> properties) throws Exception {
        Configuration c = configAdmin().getConfiguration(PID, "?");
        c.update(new Hashtable<>(properties));
    }

    private static MemoryPoolSystem service() {
        ServiceReference<MemoryPoolSystem> reference = context.getServiceReference(MemoryPoolSystem.class);
        return reference == null ? null : context.getService(reference);
    }

    private static ConfigurationAdmin configAdmin() {
        return context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }

    private static Set<String> metatypeAttributes() {
        MetaTypeService metatype = context.getService(context.getServiceReference(MetaTypeService.class));
        MetaTypeInformation info = metatype.getMetaTypeInformation(pool);
        ObjectClassDefinition ocd = info.getObjectClassDefinition(PID, null);
        return Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).map(AttributeDefinition::getID)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
