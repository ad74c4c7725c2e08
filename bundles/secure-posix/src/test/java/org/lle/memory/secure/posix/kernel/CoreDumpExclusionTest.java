package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not dumped: a real {@code gcore} dump of a child JVM contains the control marker held in a plain direct
 * buffer (so the dump and the scan work) and no copy of the marker held in a secure buffer.
 */
class CoreDumpExclusionTest {
    private static final Duration GCORE_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCoreDumpHoldsThePlainMarkerButNotTheSecureOne(Backend backend) throws Exception {
        RequiredTools.path("gcore");
        // gdb writes every reserved-but-inaccessible range as zeros: shrink the JVM's and malloc's
        // reservations so the dump is hundreds of MB, not 2.5 GB (the secure and plain buffers are unchanged)
        try (ChildJvm child = backend.configure(ChildJvm.of(DumpTargetChild.class))
                .jvmOption("-XX:CompressedClassSpaceSize=16m")
                .jvmOption("-XX:ReservedCodeCacheSize=16m")
                .environment("MALLOC_ARENA_MAX", "2")
                .start()) {
            child.awaitLine("READY", ChildJvm.DEFAULT_TIMEOUT);
            assertThat(child.value("provider")).as(child.describe()).isEqualTo("posix");
            backend.assertHolds(child.value("secretMappings"));
            assertThat(child.value("secretHeld")).as("the secure buffer holds the marker at dump time")
                    .isEqualTo("true");
            byte[] secret = HexFormat.of().parseHex(child.value("secret"));
            byte[] control = HexFormat.of().parseHex(child.value("control"));

            Path core = dir.resolve("core." + child.pid());
            try {
                long started = System.nanoTime();
                RequiredTools.run(GCORE_TIMEOUT, dir.resolve("gcore.log"), "gcore", "-o",
                        dir.resolve("core").toString(), Long.toString(child.pid()));
                long dumped = System.nanoTime();
                assertThat(core).as("gcore wrote %s", core).exists();
                CoreFileScanner.Scan scan = CoreFileScanner.scan(core, secret, control);
                System.out.printf("core dump %s: gcore %d ms, %d MB file, %d MB of data scanned in %d ms, "
                        + "control marker found %d times, secure marker found %d times%n", backend,
                        (dumped - started) / 1_000_000, scan.fileBytes() >> 20, scan.dataBytes() >> 20,
                        (System.nanoTime() - dumped) / 1_000_000, scan.counts()[1], scan.counts()[0]);

                assertThat(scan.counts()[1]).as("control: the marker in a plain direct buffer is in the dump")
                        .isPositive();
                assertThat(scan.counts()[0]).as("the marker in the secure buffer must not be in the dump")
                        .isZero();
            } finally {
                deleteCores();
            }
            child.send("exit");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(child.describe()).isZero();
        } finally {
            deleteCores();
        }
    }

    private void deleteCores() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("core")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
