package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Not forked: after a real fork(2) inside a child JVM, the forked process cannot hand the secure buffer's
 * address to write(2) (the mapping is absent there), while a plain direct buffer's address works and
 * yields its marker. Before forking, the same process can write from both addresses.
 */
class ForkExclusionTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForkedChildHasNoSecureMappingButHasThePlainOne(Backend backend) {
        // the forked copy has only the forking thread: no periodic safepoint may be pending when it forks
        try (ChildJvm child = backend.configure(ChildJvm.of(ForkProbeChild.class))
                .jvmOption("-XX:+UnlockDiagnosticVMOptions")
                .jvmOption("-XX:GuaranteedSafepointInterval=0")
                .start()) {
            child.awaitLine("DONE", ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            System.out.println("fork probe " + backend + ": " + child.values());
            backend.assertHolds(child.value("secretMapping"));
            assertThat(child.value("provider")).as(why).isEqualTo("posix");
            assertThat(child.value("parentSecretWrite")).as("control: before the fork write(2) from the secure "
                    + "buffer's address works, so the address is right\n" + why).isEqualTo("true");
            assertThat(child.value("parentControlWrite")).as(why).isEqualTo("true");
            assertThat(child.value("forkExited")).as("the forked process exited normally\n" + why)
                    .isEqualTo("true");
            assertThat(child.value("forkControlWrite")).as("control: the plain buffer is inherited by the fork\n"
                    + why).isEqualTo("wrote32");
            assertThat(child.value("forkSecretWrite")).as("the secure buffer must be unmapped in the fork "
                    + "(write(2) from it fails with EFAULT)\n" + why).isEqualTo("failed");
            assertThat(child.value("forkPipeHasControlMarker")).as(why).isEqualTo("true");
            assertThat(child.value("forkPipeHasSecretMarker")).as(why).isEqualTo("false");
            assertThat(child.value("forkPipeBytes")).as("only the control marker came through\n" + why)
                    .isEqualTo("32");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(why).isZero();
        }
    }
}
