package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command line and its interactive Gogo shell. */
class LauncherCliIT {

    @Test
    void helpListsTheOptionsAndExitsZero() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), null, "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: java -jar lle-memory-launcher.jar", "--batch", "--no-posix", "Exit codes");
    }

    @Test
    void aBadOptionIsNamedAndExitsTwo() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), null, "--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option '--frobnicate'", "try --help");
    }

    @Test
    void aMissingBundleDirectoryIsNamedAndExitsFour() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), null, "--batch", "--bundles", "/nonexistent/lle");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("bundle directory /nonexistent/lle does not exist");
    }

    @Test
    void missingBundlesAreReportedWithTheResolverReasonAndExitFour(@TempDir Path dir) throws Exception {
        try (Stream<Path> jars = Files.list(LauncherProcess.jar().resolveSibling("bundles"))) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (!name.startsWith("jna-") && !name.startsWith("lle-memory-secure-broker-")) {
                    Files.copy(jar, dir.resolve(name));
                }
            }
        }
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), null, "--batch", "--bundles", dir.toString(),
                "--timeout", "3");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).as(r.toString()).contains(
                "cannot start org.lle.memory.secure.posix", "com.sun.jna",
                "services missing: [org.lle.memory.secure.SecureMemoryBroker]",
                "bundle org.lle.memory.secure.posix 1.0.0.SNAPSHOT is INSTALLED (not resolved",
                "lle:swap --count 3 FAILED: no SecureMemoryBroker");
        // the host still runs and says what it has: the degraded fallback
        assertThat(r.out()).contains("Secure memory provider: noop", "Broker (hot-swap-safe buffers): NOT registered");
    }

    @Test
    void theDefaultModePrintsTheStatusThenServesTheShellUntilEndOfInput() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), "lle:pools\nlb\n");
        assertThat(r.exit()).as(r.toString()).isZero();
        String out = r.out();
        assertThat(out).as(r.toString()).contains("Secure memory provider: posix", "Gogo shell: try lle:status");
        int shellStart = out.indexOf("Gogo shell: try");
        assertThat(out.substring(shellStart)).containsPattern("TOTAL\\s+0\\s+0\\s+0")
                .contains("lle-memory :: shell commands", "lle-memory :: secure POSIX provider", "Active");
    }

    @Test
    void exitLeavesTheShellWithItsCodeQuietlyAndRunsNothingAfterIt() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), "lb\nexit 5\nlle:status\n");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        // the shell bundle runs no console of its own, so it is active like every other bundle
        assertThat(r.out()).as(r.toString()).containsPattern("(\\d+) of \\1 bundles active");
        String shell = r.out().substring(r.out().indexOf("Gogo shell: try"));
        // control: the line before exit did run
        assertThat(shell).as(r.toString()).contains("lle-memory :: shell commands");
        assertThat(shell + r.err()).as(r.toString()).doesNotContain("Exception");
        assertThat(shell).as("the line after exit did not run: " + r).doesNotContain("Secure memory provider:");
    }
}
