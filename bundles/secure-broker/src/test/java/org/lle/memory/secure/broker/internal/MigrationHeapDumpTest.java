package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * Issue 9 item 10: a migration moves a secret without a copy on the Java heap. A child JVM (64 MiB heap) runs a
 * swap storm of {@value MigrationHeapDumpChild#SWAPS} swaps over {@value MigrationHeapDumpChild#BUFFERS} buffers
 * holding random markers and dumps its heap, unreachable objects included, once while a move is copying a
 * marker and once after the storm. With the broker's transfer neither dump holds a marker; the control, the old
 * heap-array transfer, leaves the marker being copied in the in-flight dump.
 */
class MigrationHeapDumpTest {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT inFlight=(\\d+) after=(\\d+) intact=(true|false) moves=(\\d+) dumpBytes=(\\d+)");

    @TempDir
    Path dumps;

    @Test
    void aSwapStormLeavesNoSecretOnTheHeap() {
        Matcher result = run("locked");
        assertThat(result.group(1)).as("markers in the dump taken during a move").isEqualTo("0");
        assertThat(result.group(2)).as("markers in the dump taken after the storm").isEqualTo("0");
    }

    @Test
    void controlTheOldHeapArrayTransferLeavesTheMarkerItIsCopyingInTheDump() {
        Matcher result = run("heap");
        assertThat(Integer.parseInt(result.group(1))).as("markers in the dump taken during a move")
                .isGreaterThanOrEqualTo(1);
    }

    private Matcher run(String mode) {
        ChildJvmRun child = ChildJvmRun.of(MigrationHeapDumpChild.class, "-Xmx64m", "-XX:+UseSerialGC",
                "-Dmode=" + mode, "-Ddir=" + dumps);
        // ChildJvmRun passes no program arguments: the child reads them from its own properties
        assertThat(child.exitCode()).as(child.output()).isZero();
        Matcher result = RESULT.matcher(child.output());
        assertThat(result.find()).as(child.output()).isTrue();
        assertThat(result.group(3)).as("every buffer holds its marker after the storm").isEqualTo("true");
        assertThat(Long.parseLong(result.group(4))).isEqualTo((long) MigrationHeapDumpChild.BUFFERS
                * MigrationHeapDumpChild.SWAPS);
        System.out.println("[heap dump, " + mode + " transfer] " + result.group());
        return result;
    }
}
