package org.lle.memory.secure.posix.felix;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.testsupport.ClassPathFelix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The POSIX bundle in a real Apache Felix with Felix SCR, Config Admin and Metatype (jars from the test class
 * path, the API from the system bundle). Config Admin does not enforce the metatype's ranges: every attribute
 * gets every kind of bad value, stored before the bundle starts (the component must come up with its
 * defaults) and as an update of a running, valid configuration (it must keep those settings and its
 * service), each refusal logged with the attribute, the value and what is allowed.
 */
class PosixInFelixIT {
    private static final String PID = "org.lle.memory.secure.posix";
    private static final String[] CLASS_PATH_BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise",
        "org.osgi.service.component-", "org.osgi.service.log-", "org.apache.felix.scr", "org.apache.felix.configadmin",
        "org.apache.felix.metatype", "jna-", "lle-memory-internal"};
    private static final int DEFAULT_CHUNK = 256 * 1024;
    private static final int VALID_CHUNK = 32 * 1024;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    static Path storage;

    private static ClassPathFelix felix;
    private static BundleContext context;
    private static Bundle posix;
    private static final List<LogRecord> LOG = new CopyOnWriteArrayList<>();
    /** Held strongly: java.util.logging keeps loggers weakly, and a new one would not have the handler. */
    private static final Logger POSIX_LOGGER = Logger.getLogger("org.lle.memory.secure.posix");
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
        POSIX_LOGGER.addHandler(CAPTURE);
        felix = ClassPathFelix.start(storage, ClassPathFelix.SECURE_API);
        context = felix.context();
        ClassPathFelix.startAll(felix.installFromClassPath(CLASS_PATH_BUNDLES));
        posix = felix.installBuilt("posix.bundle");
    }

    @AfterAll
    static void stopFelix() throws Exception {
        felix.close();
        POSIX_LOGGER.removeHandler(CAPTURE);
    }

    @BeforeEach
    void clean() throws Exception {
        LOG.clear();
    }

    @AfterEach
    void stopPosix() throws Exception {
        posix.stop();
        deleteConfiguration();
    }

    /** Attribute x bad value: wrong type, out of range, unparsable, negative, huge, arrays. */
    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        for (String flag : List.of("strict", "memfdSecret", "disabled")) {
            for (Object bad : List.of("yes", "", 1, 0L, new String[] {"true"})) {
                cases.add(Arguments.of(flag, bad));
            }
        }
        for (Object bad : List.of(4096, 16383, 67108865, -1, 0, Long.MAX_VALUE, Integer.MIN_VALUE, "abc", "4096",
                " 1e9 ", 65536.5d, 65536d, true, new int[] {65536})) {
            cases.add(Arguments.of("chunkSize", bad));
        }
        return cases.stream();
    }

    /** The defect as reported: before the fix activation threw and no POSIX service was registered. */
    @Test
    void chunkSize4096AtActivationStillRegistersThePosixService() throws Exception {
        configure(Map.of("chunkSize", 4096));
        posix.start();
        ServiceReference<SecureMemory> reference = awaitPosixService();
        assertThat(reference.getProperty("lle.secure.posix.chunkSize")).isEqualTo(DEFAULT_CHUNK);
        useOnce(reference);
    }

    @ParameterizedTest(name = "at activation: {0}={1}")
    @MethodSource("badValues")
    void aBadValueStoredBeforeActivationGivesThePosixServiceWithDefaults(String attribute, Object bad)
            throws Exception {
        configure(Map.of(attribute, bad));
        posix.start();

        ServiceReference<SecureMemory> reference = awaitPosixService();
        assertThat(reference.getProperty("lle.secure.posix.chunkSize")).isEqualTo(DEFAULT_CHUNK);
        assertThat(reference.getProperty("lle.secure.posix.strict")).isEqualTo(false);
        assertThat(reference.getProperty("lle.secure.posix.memfdSecret")).isEqualTo(false);
        awaitRefusalLogged(attribute, bad);
        useOnce(reference);
    }

    @ParameterizedTest(name = "on modification: {0}={1}")
    @MethodSource("badValues")
    void aBadValueInAnUpdateIsRefusedAndTheRunningProviderKeepsItsSettings(String attribute, Object bad)
            throws Exception {
        configure(Map.of("chunkSize", VALID_CHUNK, "strict", true));
        posix.start();
        ServiceReference<SecureMemory> before = awaitPosixService();
        assertThat(before.getProperty("lle.secure.posix.chunkSize")).isEqualTo(VALID_CHUNK);
        SecureMemory memory = context.getService(before);
        SecureBuffer live = memory.allocate(40);
        live.put(39, (byte) 7);
        Hashtable<String, Object> update = new Hashtable<>(Map.of("chunkSize", VALID_CHUNK, "strict", true));
        update.put(attribute, bad);

        configure(update);

        awaitRefusalLogged(attribute, bad);
        ServiceReference<SecureMemory> after = awaitPosixService();
        assertThat(after.getProperty(Constants.SERVICE_ID)).as("the same registration")
                .isEqualTo(before.getProperty(Constants.SERVICE_ID));
        assertThat(after.getProperty("lle.secure.posix.chunkSize")).isEqualTo(VALID_CHUNK);
        assertThat(after.getProperty("lle.secure.posix.strict")).isEqualTo(true);
        assertThat(live.isClosed()).as("the running provider was left alone").isFalse();
        assertThat(live.get(39)).isEqualTo((byte) 7);
        live.close();
        context.ungetService(before);
    }

    @Test
    void anUnchangedUpdateKeepsTheProviderAndAChangedOneReplacesIt() throws Exception {
        configure(Map.of("chunkSize", VALID_CHUNK));
        posix.start();
        ServiceReference<SecureMemory> first = awaitPosixService();

        configure(Map.of("chunkSize", String.valueOf(VALID_CHUNK), "strict", "false", "unrelated", "x"));
        await("the unchanged update was seen", () -> logged(Level.INFO, "unchanged"));
        assertThat(awaitPosixService().getProperty(Constants.SERVICE_ID))
                .isEqualTo(first.getProperty(Constants.SERVICE_ID));

        configure(Map.of("chunkSize", 2 * VALID_CHUNK));
        await("a new provider with the new chunk size", () -> {
            ServiceReference<SecureMemory> now = posixService();
            return now != null && Integer.valueOf(2 * VALID_CHUNK).equals(now.getProperty("lle.secure.posix.chunkSize"));
        });
        assertThat(posixService().getProperty(Constants.SERVICE_ID)).isNotEqualTo(first.getProperty(Constants.SERVICE_ID));

        configure(Map.of("chunkSize", 2 * VALID_CHUNK, "disabled", true));
        await("disabled: no POSIX service", () -> posixService() == null);
        configure(Map.of("chunkSize", 2 * VALID_CHUNK, "disabled", false));
        awaitPosixService();
    }

    /**
     * Item 4: a memfd_secret fallback while the service runs (RLIMIT_NOFILE lowered for a moment, so the
     * syscall fails with EMFILE) drops MEMFD_SECRET from the service properties and sets degraded, on the same
     * registration: a property update, no re-registration, the live buffer untouched.
     */
    @Test
    void aMemfdSecretFallbackUpdatesTheServicePropertiesOfTheSameRegistration() throws Exception {
        configure(Map.of("memfdSecret", true));
        posix.start();
        ServiceReference<SecureMemory> reference = awaitPosixService();
        assertThat((String[]) reference.getProperty(SecureMemoryProperties.CAPABILITIES))
                .as("memfd_secret works on this machine's kernel").contains("MEMFD_SECRET");
        assertThat(reference.getProperty(SecureMemoryProperties.DEGRADED)).isEqualTo(false);
        SecureMemory memory = context.getService(reference);
        SecureBuffer before = memory.allocate(100); // a chunk of secret memory; also loads every class involved
        before.put(0, (byte) 9);

        SecureBuffer after;
        try (FileLimit ignored = FileLimit.lowerTo(3)) {
            after = memory.allocate(3000); // another size class: a new chunk, memfd_secret fails with EMFILE
        }

        await("MEMFD_SECRET dropped from the service properties", () -> {
            ServiceReference<SecureMemory> now = posixService();
            return now != null && !Arrays.asList((String[]) now.getProperty(SecureMemoryProperties.CAPABILITIES))
                    .contains("MEMFD_SECRET") && Boolean.TRUE.equals(now.getProperty(SecureMemoryProperties.DEGRADED));
        });
        assertThat(posixService().getProperty(Constants.SERVICE_ID)).isEqualTo(reference.getProperty(Constants.SERVICE_ID));
        assertThat(memory.info().capabilities()).extracting(Enum::name).doesNotContain("MEMFD_SECRET");
        assertThat(memory.info().degradationReason()).contains("memfd_secret").contains("(24)");
        assertThat(before.get(0)).isEqualTo((byte) 9);
        before.close();
        after.close();
        context.ungetService(reference);
    }

    private static void useOnce(ServiceReference<SecureMemory> reference) {
        SecureMemory memory = context.getService(reference);
        try (SecureBuffer buffer = memory.allocate(64)) {
            buffer.put(63, (byte) 1);
            assertThat(buffer.get(63)).isEqualTo((byte) 1);
        } finally {
            context.ungetService(reference);
        }
    }

    private static void awaitRefusalLogged(String attribute, Object bad) {
        String shown = attribute + "=" + render(bad);
        await("a WARNING or ERROR naming " + shown + " and what is allowed", () -> LOG.stream()
                .anyMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue() && r.getMessage().contains(shown)
                        && r.getMessage().contains("allowed")));
        System.out.println("refused: " + LOG.stream().filter(r -> r.getMessage().contains(shown)).findFirst()
                .map(LogRecord::getMessage).orElse(""));
    }

    private static String render(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.toString(array);
        }
        if (value instanceof int[] array) {
            return Arrays.toString(array);
        }
        return String.valueOf(value);
    }

    private static boolean logged(Level level, String fragment) {
        return LOG.stream().anyMatch(r -> r.getLevel().equals(level) && r.getMessage().contains(fragment));
    }

    private static ServiceReference<SecureMemory> awaitPosixService() {
        await("a POSIX SecureMemory service", () -> posixService() != null);
        return posixService();
    }

    private static ServiceReference<SecureMemory> posixService() {
        try {
            return context.getServiceReferences(SecureMemory.class, "(" + SecureMemoryProperties.PROVIDER + "=posix)")
                    .stream().findFirst().orElse(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what + "; log: "
                        + LOG.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList() + "; bundles: "
                        + Arrays.stream(context.getBundles()).map(b -> b.getSymbolicName() + " " + b.getState())
                                .toList());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Config Admin through reflection: its API lives in its bundle, not on this class path's loader. */
    private static void configure(Map<String, ?> properties) throws Exception {
        Object configuration = configuration();
        Method update = configuration.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(configuration, new Hashtable<>(properties));
    }

    private static void deleteConfiguration() throws Exception {
        Object configuration = configuration();
        Method delete = configuration.getClass().getMethod("delete");
        delete.setAccessible(true);
        delete.invoke(configuration);
    }

    private static Object configuration() throws Exception {
        // all references: the CM jar is also on this class path, so its API class here is not the bundle's
        await("the ConfigurationAdmin service", () -> configurationAdmin() != null);
        ServiceReference<?> reference = configurationAdmin();
        Object admin = context.getService(reference);
        Method get = admin.getClass().getMethod("getConfiguration", String.class, String.class);
        get.setAccessible(true);
        return get.invoke(admin, PID, "?");
    }

    private static ServiceReference<?> configurationAdmin() {
        try {
            ServiceReference<?>[] all = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            return all == null ? null : all[0];
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** RLIMIT_NOFILE's soft limit lowered for a moment (every new descriptor fails with EMFILE), then restored. */
    static final class FileLimit implements AutoCloseable {
        private static final int RLIMIT_NOFILE = 7;

        static {
            Native.register(FileLimit.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private final long[] saved = new long[2];

        private static native int getrlimit(int resource, long[] limits);

        private static native int setrlimit(int resource, long[] limits);

        private FileLimit(long soft) {
            assertThat(getrlimit(RLIMIT_NOFILE, saved)).isZero();
            assertThat(setrlimit(RLIMIT_NOFILE, new long[] {soft, saved[1]})).isZero();
        }

        static FileLimit lowerTo(long soft) {
            return new FileLimit(soft);
        }

        @Override
        public void close() {
            assertThat(setrlimit(RLIMIT_NOFILE, saved)).isZero();
        }
    }
}
