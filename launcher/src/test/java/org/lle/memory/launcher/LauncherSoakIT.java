package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented soak command ({@code java -jar lle-memory-launcher.jar --soak SECONDS}), run briefly: it must
 * change the provider in every way it knows, write a sample per interval and report no loss.
 */
class LauncherSoakIT {

    @Test
    void aShortSoakChangesTheProviderEveryWayAndLosesNothing(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("soak.csv");
        LauncherProcess.Result r = LauncherProcess.run(List.of(), List.of(), null, "--soak", "12", "--soak-csv",
                csv.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("RESULT: OK", "lost: 0, corrupted: 0, errors: 0")
                .containsPattern("provider changes: [1-9]\\d* \\{STOP_START=\\d+, UPDATE_REFRESH=\\d+");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).startsWith("seconds,rss_kib,vmlck_kib,mappings,");
        assertThat(rows).as("a sample every 5 s, and one at the end").hasSizeGreaterThanOrEqualTo(4);
        assertThat(rows.get(rows.size() - 1).split(",")).hasSize(rows.get(0).split(",").length);
    }
}
