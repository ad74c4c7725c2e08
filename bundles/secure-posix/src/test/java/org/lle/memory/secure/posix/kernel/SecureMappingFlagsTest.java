package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Locked, not dumped, not forked, as the kernel flags them: the secure buffer's mapping shows {@code lo},
 * {@code dd} and {@code dc} in its smaps VmFlags and is resident and locked whole; a plain direct buffer's
 * mapping (the control) shows none of them.
 */
class SecureMappingFlagsTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theSecureMappingIsLockedDontDumpAndDontForkAndAPlainOneIsNot(Backend backend) {
        try (ChildJvm child = backend.configure(ChildJvm.of(MappingFlagsChild.class)).start()) {
            child.awaitLine("DONE", ChildJvm.DEFAULT_TIMEOUT);
            String why = child.describe();
            System.out.println("mapping flags " + backend + ": " + child.values());
            backend.assertHolds(child.value("secretMapping"));
            if (backend == Backend.MEMFD_SECRET) {
                assertThat(child.value("capabilities")).contains("MEMFD_SECRET");
            }
            assertThat(child.value("provider")).as(why).isEqualTo("posix");
            assertThat(child.value("secretLocked")).as("privileged here, so the buffer is locked\n" + why)
                    .isEqualTo("true");
            assertThat(flags(child, "secretVmFlags")).as("VmFlags of the secure mapping\n" + why)
                    .contains("lo", "dd", "dc");
            assertThat(child.value("secretLockedField")).as("smaps Locked: equals Size for the secure mapping\n"
                    + why).isEqualTo(child.value("secretSize"));
            assertThat(child.value("capabilities")).as(why)
                    .contains("MLOCK", "NO_CORE_DUMP", "NO_FORK_INHERIT", "GUARD_PAGES");

            assertThat(flags(child, "controlVmFlags")).as("control: VmFlags of a plain direct buffer's mapping\n"
                    + why).doesNotContain("lo", "dd", "dc");
            assertThat(child.value("controlLockedField")).as(why).isEqualTo("0 kB");
            assertThat(child.awaitExit(ChildJvm.DEFAULT_TIMEOUT)).as(why).isZero();
        }
    }

    private static List<String> flags(ChildJvm child, String key) {
        return List.of(child.value(key).trim().split("\\s+"));
    }
}
