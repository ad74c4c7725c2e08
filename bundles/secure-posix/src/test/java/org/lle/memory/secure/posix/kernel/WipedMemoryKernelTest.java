package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wiped: after clear() and close() the secret's bytes read back as zero through a raw pointer at its real
 * address (an independent view); the same raw read before the wipe sees the marker (the control). Also
 * secureClear of a direct buffer, seen through its address.
 */
class WipedMemoryKernelTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void clearAndCloseLeaveZerosInTheRealMemory(Backend backend) {
        try (ChildJvm child = backend.configure(ChildJvm.of(WipeProbeChild.class)).start()) {
            child.awaitLine("DONE", ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            System.out.println("wipe " + backend + ": " + child.values());
            backend.assertHolds(child.value("secretMapping"));
            assertThat(child.value("rawBeforeClear")).as("control: the raw view sees the marker\n" + why)
                    .isEqualTo("true");
            assertThat(child.value("rawAfterClearZero")).as(why).isEqualTo("true");
            assertThat(child.value("rawBeforeClose")).as(why).isEqualTo("true");
            assertThat(child.value("mappedAfterClose")).as("a live neighbour keeps the chunk mapped\n" + why)
                    .isEqualTo("true");
            assertThat(child.value("rawAfterCloseZero")).as("close wipes before freeing\n" + why)
                    .isEqualTo("true");
            assertThat(child.value("rawDirectBeforeClear")).as(why).isEqualTo("true");
            assertThat(child.value("secureClearDirect")).as(why).isEqualTo("SUCCESS");
            assertThat(child.value("rawDirectAfterClearZero")).as(why).isEqualTo("true");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(why).isZero();
        }
    }
}
