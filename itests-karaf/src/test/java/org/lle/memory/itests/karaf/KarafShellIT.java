package org.lle.memory.itests.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The released {@code lle-memory} feature in a real Apache Karaf (the published distribution, unpacked and
 * started here): after {@code feature:repo-add} and {@code feature:install lle-memory}, Karaf's console answers
 * {@code lle:status} and {@code lle:doctor}, and the demonstration commands that restart the provider
 * ({@code lle:swap}, {@code lle:memfd}) do not exist until {@code lle.shell.demo} is set.
 *
 * <p>The feature is the features module's own descriptor, with each {@code mvn:} URL of a project bundle (and of
 * JNA) pointed at the jar this build made, since the SNAPSHOT jars are in no Maven repository during
 * {@code mvn verify}; Karaf's standard features come from the distribution's own {@code system/} repository.
 */
class KarafShellIT {
    private static final long START_DEADLINE_MS = 90_000;
    private static final long COMMAND_DEADLINE_MS = 20_000;
    /** A bundle element's URL: group 1 the element's start tag, group 2 the groupId, group 3 the artifactId. */
    private static final Pattern BUNDLE = Pattern.compile("(<bundle[^>]*>)mvn:([^/]+)/([^/]+)/[^<]+</bundle>");

    private static KarafInstance karaf;
    /** The first lle:status after the install, which also tells that the commands are registered. */
    private static KarafInstance.ClientResult firstStatus;

    @BeforeAll
    static void installTheFeatureInKaraf() throws Exception {
        Path work = Path.of(property("karaf.it.work"));
        Path feature = testFeature(Path.of(property("karaf.it.feature")), Path.of(property("karaf.it.bundles")), work);
        karaf = KarafInstance.start(Path.of(property("karaf.it.distribution")), property("karaf.it.version"),
                work.resolve("karaf"));
        // the first call also waits for Karaf: the SSH port opens, then the feature commands register
        KarafInstance.ClientResult repo = retry(START_DEADLINE_MS, "feature:repo-add " + feature.toUri());
        assertThat(repo.exit()).as("feature:repo-add: " + repo.output() + "\nKaraf console:\n" + karaf.console()).isZero();
        KarafInstance.ClientResult install = karaf.client(10, "feature:install lle-memory");
        assertThat(install.exit()).as("feature:install lle-memory: " + install.output()).isZero();
        firstStatus = retry(COMMAND_DEADLINE_MS, "lle:status");
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    void lleStatusNamesThePosixProviderTheBrokerAndThePools() throws Exception {
        KarafInstance.ClientResult status = firstStatus;
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("lle-memory host: org.apache.felix.framework",
                "Secure memory provider: posix (ranking 1000, bundle org.lle.memory.secure.posix",
                "other providers: noop (ranking -1000, degraded)", "capabilities: MLOCK, SECURE_WIPE",
                "Broker (hot-swap-safe buffers): available", "Pools: ACTIVE");
    }

    @Test
    void lleDoctorPrintsEveryFinding() throws Exception {
        KarafInstance.ClientResult doctor = karaf.client(10, "lle:doctor");
        assertThat(doctor.exit()).as(doctor.output()).isZero();
        assertThat(doctor.output()).contains("lle:doctor - what this machine allows for secure memory",
                "] provider: posix", "] RLIMIT_MEMLOCK: ", "] CAP_IPC_LOCK: ", "] memfd_secret: ", "] core dumps: ",
                "] coredump_filter: ", "] ptrace: ", "] swap: ", "8 checks, ");
    }

    /**
     * Off by default, on after the documented switch (the system property and a restart of the shell bundle);
     * also the control: the same console finds lle:swap once the demonstrations are on.
     */
    @Test
    void theDemonstrationCommandsAreOffUntilTheOwnerTurnsThemOn() throws Exception {
        for (String demo : new String[] {"lle:swap --count 1", "lle:memfd on"}) {
            KarafInstance.ClientResult r = karaf.client(10, demo);
            assertThat(r.exit()).as(demo + ": " + r.output()).isNotZero();
            assertThat(r.output()).contains("Command not found: " + demo.split(" ")[0]);
        }

        KarafInstance.ClientResult on = karaf.client(10, "system:property lle.shell.demo true",
                "bundle:restart org.lle.memory.shell");
        assertThat(on.exit()).as(on.output()).isZero();
        KarafInstance.ClientResult swap = retry(COMMAND_DEADLINE_MS, "lle:swap --count 1");
        assertThat(swap.exit()).as(swap.output()).isZero();
        assertThat(swap.output()).contains("stopping and starting posix", "RESULT: OK");
    }

    /** Repeats the call while Karaf is not ready for it (no connection yet, command not registered yet). */
    private static KarafInstance.ClientResult retry(long deadlineMs, String command) throws Exception {
        long deadline = System.nanoTime() + deadlineMs * 1_000_000;
        while (true) {
            int connectSeconds = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000);
            KarafInstance.ClientResult r = karaf.client(connectSeconds, command);
            if (r.exit() == 0 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    /** The released descriptor with the project's and JNA's bundles taken from this build, written to work/. */
    private static Path testFeature(Path released, Path bundles, Path work) throws Exception {
        assertThat(released).as("the features module's descriptor, copied by the build").isRegularFile();
        String xml = Files.readString(released, StandardCharsets.UTF_8);
        StringBuilder rewritten = new StringBuilder();
        Matcher m = BUNDLE.matcher(xml);
        while (m.find()) {
            m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + jar(bundles, m.group(3)) + "</bundle>"));
        }
        m.appendTail(rewritten);
        String result = rewritten.toString();
        assertThat(result).as("every bundle of the feature points at this build")
                .doesNotContainPattern("<bundle[^>]*>mvn:").contains("lle-memory-shell.jar", "jna.jar");
        Files.createDirectories(work);
        Path feature = work.resolve("lle-memory-test-features.xml");
        Files.writeString(feature, result, StandardCharsets.UTF_8);
        return feature;
    }

    private static String jar(Path bundles, String artifactId) {
        Path jar = bundles.resolve(artifactId + ".jar");
        assertThat(jar).as("the built " + artifactId + ", copied by the build").isRegularFile();
        return jar.toUri().toString();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe)").isNotNull();
        return value;
    }
}
