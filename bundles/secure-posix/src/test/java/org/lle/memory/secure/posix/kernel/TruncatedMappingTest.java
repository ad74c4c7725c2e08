package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing crashes the JVM: secureClear of a caller's direct buffer that is a file mapping truncated behind
 * it (every page raises SIGBUS) leaves the process alive with a catchable error. Control: the same wipe
 * through a foreign call (what an {@code explicit_bzero} path would do) kills the child JVM.
 */
class TruncatedMappingTest {
    private static final int JVM_FATAL_ERROR_EXIT = 128 + 6;

    @TempDir
    Path dir;

    @Test
    void secureClearOfATruncatedMappingDoesNotKillTheJvm() {
        try (ChildJvm child = child("truncated")) {
            int exit = child.awaitExit(ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            System.out.println("truncated mapping: " + child.values() + ", exit " + exit);
            assertThat(child.value("provider")).as(why).isEqualTo("posix");
            assertThat(exit).as("the child survives\n" + why).isZero();
            assertThat(why).contains("SURVIVED");
            assertThat(child.value("outcome")).as("the fault surfaces as the JVM's InternalError\n" + why)
                    .isEqualTo(InternalError.class.getName());
        }
    }

    @Test
    void controlAWholeMappingIsWipedNormally() {
        try (ChildJvm child = child("whole")) {
            int exit = child.awaitExit(ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            assertThat(exit).as(why).isZero();
            assertThat(child.value("outcome")).as(why).isEqualTo("SUCCESS");
            assertThat(child.value("firstByte")).as(why).isEqualTo("0");
        }
    }

    @Test
    void controlAForeignCallTouchingTheTruncatedMappingKillsTheJvm() {
        try (ChildJvm child = child("native")) {
            int exit = child.awaitExit(ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            assertThat(why).as("a SIGBUS inside native code is fatal").doesNotContain("SURVIVED");
            assertThat(exit).as(why).isEqualTo(JVM_FATAL_ERROR_EXIT);
        }
    }

    private ChildJvm child(String mode) {
        return ChildJvm.of(TruncatedMappingChild.class)
                .wrappedBy("prlimit", "--core=0")
                .jvmOption("-XX:+CreateCoredumpOnCrash")
                .jvmOption("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"))
                .args(mode)
                .start();
    }
}
