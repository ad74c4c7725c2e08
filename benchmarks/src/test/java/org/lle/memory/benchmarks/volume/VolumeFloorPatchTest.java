package org.lle.memory.benchmarks.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmarks/volume-floor.sh} builds the pool with {@code benchmarks/ablations/volume-floor.patch} applied; the
 * README documents that command, so the patch must keep applying to the code as it is. When this fails, redo the
 * patch's edits on the current code and save {@code git diff} over it (keeping its header).
 */
class VolumeFloorPatchTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path PATCH = ROOT.resolve("benchmarks/ablations/volume-floor.patch");

    @Test
    void theFloorPatchAppliesToTheCurrentPool() throws Exception {
        Result check = applyCheck(PATCH);
        assertEquals(0, check.exitCode(), "git apply --check " + PATCH + " failed:\n" + check.output());
    }

    /** Control: a patch whose context no longer matches the code is refused, so the check above can fail. */
    @Test
    void aPatchWhoseContextChangedIsRefused(@TempDir Path dir) throws Exception {
        String patch = Files.readString(PATCH, StandardCharsets.UTF_8);
        String context = "         Objects.checkIndex(index, size);\n";
        assertTrue(patch.contains(context), "the control edits a context line the patch no longer has");
        Path stale = dir.resolve("stale.patch");
        Files.writeString(stale, patch.replace(context, "         Objects.checkIndex(index, size + 1);\n"),
                StandardCharsets.UTF_8);
        assertNotEquals(0, applyCheck(stale).exitCode());
    }

    private static Result applyCheck(Path patch) throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "apply", "--check", patch.toString()).directory(ROOT.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException noGit) {
            throw new IOException("git is needed to check the floor patch (as benchmarks/volume-floor.sh needs it)",
                    noGit);
        }
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(60, TimeUnit.SECONDS), "git apply --check did not finish");
        return new Result(git.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
