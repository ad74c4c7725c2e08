package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
    void theDefaultModePrintsTheStatusThenServesTheShellUntilEndOfInput() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), "lle:pools\nlb\n");
        assertThat(r.exit()).as(r.toString()).isZero();
        String out = r.out();
        assertThat(out).as(r.toString()).contains("Secure memory provider: posix", "Gogo shell: try lle:status");
        int shellStart = out.indexOf("Gogo shell: try");
        assertThat(out.substring(shellStart)).containsPattern("TOTAL\\s+0\\s+0\\s+0")
                .contains("lle-memory launcher commands", "lle-memory :: secure POSIX provider", "Active");
    }
}
