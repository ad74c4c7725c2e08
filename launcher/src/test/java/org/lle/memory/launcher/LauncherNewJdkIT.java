package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher on the newest JDK installed beside the one running the tests (JDK 24+ warns about
 * {@code sun.misc.Unsafe} and restricted native calls): it must start without those warnings. Runs from a
 * JDK 17 build too, so every CI run checks the new JDK when the machine has one.
 */
class LauncherNewJdkIT {
    private static final List<String> JDK_WARNINGS = List.of("WARNING: A terminally deprecated method in sun.misc.Unsafe",
            "WARNING: A restricted method in java.lang.System has been called");
    private static Path jdk;

    @BeforeAll
    static void findJdk() throws IOException {
        Optional<Path> found = newJdk();
        System.out.println("LauncherNewJdkIT: " + found.map(p -> "using " + p)
                .orElse("skipped: no JDK 24 or newer under /usr/lib/jvm (set -Dlle.newjdk.home=...)"));
        Assumptions.assumeTrue(found.isPresent(), "no JDK 24 or newer installed");
        jdk = found.get();
    }

    @Test
    void batchStartsWithoutJdkWarnings() throws Exception {
        LauncherProcess.Result r = LauncherProcess.runWith(jdk, List.of(), List.of(), null, "--batch", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("RESULT: OK", "Secure memory provider: posix");
        for (String warning : JDK_WARNINGS) {
            assertThat(r.err()).as(r.toString()).doesNotContain(warning);
        }
    }

    @Test
    void controlWithoutTheRelaunchTheFrameworkWarns() throws Exception {
        LauncherProcess.Result r = LauncherProcess.runWith(jdk, List.of(), List.of("-Dlle.launcher.relaunched=true"),
                null, "--batch", "--swaps", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as("the check above can see the warning").contains(JDK_WARNINGS.get(0));
    }

    private static Optional<Path> newJdk() throws IOException {
        String configured = System.getProperty("lle.newjdk.home");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> feature(d) >= 24)
                    .max((a, b) -> Integer.compare(feature(a), feature(b)));
        }
    }

    /** @return the JDK's feature version from its {@code release} file, or 0 */
    private static int feature(Path jdkHome) {
        try {
            for (String line : Files.readAllLines(jdkHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
