package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarded: a raw one-byte read of the page just past (or before) a secure chunk kills the child JVM with
 * SIGSEGV; the same read of the chunk's own last byte (the control) returns. The test JVM is never touched.
 * Children run with core dumps off (prlimit --core=0) and their hs_err file in a temp dir.
 */
class GuardPageTest {
    /** HotSpot aborts (SIGABRT) after writing hs_err for a fatal signal in native code. */
    private static final int JVM_FATAL_ERROR_EXIT = 128 + 6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void touchingTheGuardPageAfterAChunkKillsTheChild(Backend backend) throws Exception {
        assertTouchKills(backend, "after");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void touchingTheGuardPageBeforeAChunkKillsTheChild(Backend backend) throws Exception {
        assertTouchKills(backend, "before");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void controlTouchingTheChunksLastByteReturns(Backend backend) throws Exception {
        try (ChildJvm child = touching(backend, "inside")) {
            int exit = child.awaitExit(ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            assertThat(exit).as("control: reading the chunk's last byte is harmless\n" + why).isZero();
            backend.assertHolds(child.value("secretMapping"));
            assertThat(child.describe()).contains("SURVIVED");
            assertThat(hsErrFiles()).as("no JVM crash report").isEmpty();
        }
    }

    private void assertTouchKills(Backend backend, String where) throws Exception {
        try (ChildJvm child = touching(backend, where)) {
            int exit = child.awaitExit(ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            assertThat(child.value("provider")).as(why).isEqualTo("posix");
            backend.assertHolds(child.value("secretMapping"));
            assertThat(child.value("neighbourInaccessible")).as("a PROT_NONE page lies " + where
                    + " the chunk\n" + why).isEqualTo("true");
            assertThat(child.value("neighbourNew")).as("the PROT_NONE neighbour was made by the provider, not "
                    + "found there before\n" + why).isEqualTo("true");
            assertThat(why).as("the read of the guard page must not return").doesNotContain("SURVIVED");
            assertThat(exit).as("the child dies of its fatal signal\n" + why).isEqualTo(JVM_FATAL_ERROR_EXIT);
            List<Path> reports = hsErrFiles();
            assertThat(reports).as("the JVM wrote its crash report\n" + why).hasSize(1);
            System.out.printf("guard %s %s: %s, exit %d%n", backend, where, child.values(), exit);
            assertThat(Files.readString(reports.get(0))).as("crash report").contains("SIGSEGV")
                    .contains(Long.toHexString(Long.parseUnsignedLong(child.value("touch"), 16)));
        }
    }

    private ChildJvm touching(Backend backend, String where) {
        return backend.configure(ChildJvm.of(GuardTouchChild.class))
                .wrappedBy("prlimit", "--core=0")
                // abort(3) after hs_err, so the exit status shows the death; RLIMIT_CORE 0 keeps it core-free
                .jvmOption("-XX:+CreateCoredumpOnCrash")
                .jvmOption("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"))
                .args(where)
                .start();
    }

    private List<Path> hsErrFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).collect(Collectors.toList());
        }
    }
}
