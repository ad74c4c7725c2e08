package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Canaries: a one-byte overflow past a secure buffer, written through a raw pointer, makes its close()
 * fail loudly (an exception naming the canary), yet the buffer is still closed and wiped. The control: a
 * buffer that was not overflowed closes quietly.
 */
class CanaryOverflowTest {

    @Test
    void aOneByteOverflowIsReportedOnClose() {
        try (ChildJvm child = ChildJvm.of(CanaryProbeChild.class).start()) {
            child.awaitLine("DONE", ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            System.out.println("canary: " + child.values());
            assertThat(child.value("provider")).as(why).isEqualTo("posix");
            assertThat(child.value("controlClose")).as("control: an intact buffer closes quietly\n" + why)
                    .isEqualTo("quiet");
            assertThat(child.value("overflowClose")).as("the overflow is reported on close\n" + why)
                    .isNotEqualTo("quiet").containsIgnoringCase("canary");
            assertThat(child.value("overflowClosed")).as(why).isEqualTo("true");
            assertThat(child.value("overflowWiped")).as("still wiped\n" + why).isEqualTo("true");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(why).isZero();
        }
    }
}
