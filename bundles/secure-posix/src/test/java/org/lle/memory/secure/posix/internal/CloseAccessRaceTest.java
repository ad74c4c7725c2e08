package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * An access racing a close on another thread never reaches a later owner's memory: {@link CloseAccessRace}
 * over the POSIX provider, through single calls, through an access, and through the allocating thread's own way
 * in (three paths, so the CI default makes 10.2 million pairs). The count is
 * {@code -Dlle.secure.stress.pairs} close/access pairs per path (CI default {@value #DEFAULT_PAIRS}). The
 * control runs the same race in a child JVM with the guard switched off ({@link SlotControlRuns#UNGUARDED}) and
 * must see violations, so the check is shown to catch one.
 */
class CloseAccessRaceTest {
    static final long DEFAULT_PAIRS = 3_400_000;
    private static final long PAIRS = Long.getLong("lle.secure.stress.pairs", DEFAULT_PAIRS);
    private static final long CONTROL_PAIRS = 200_000;

    @Test
    void singleCallsRacingCloseNeverTouchALaterOwnersMemory() throws Exception {
        assertGuarded(CloseAccessRace.Path.SINGLE);
    }

    @Test
    void accessesRacingCloseNeverTouchALaterOwnersMemory() throws Exception {
        assertGuarded(CloseAccessRace.Path.ACCESS);
    }

    @Test
    void theOwnersSingleCallsRacingACloseOnAnotherThreadNeverOutliveTheWipe() throws Exception {
        assertGuarded(CloseAccessRace.Path.OWNER);
    }

    @Test
    void controlWithTheGuardOffTheRaceCheckFindsForeignAccesses() {
        for (CloseAccessRace.Path path : CloseAccessRace.Path.values()) {
            ChildJvmRun run = ChildJvmRun.wrapped(List.of(), List.of("-Dlle.secure.posix.unguardedForTest=true",
                    "-Xmx64m"), CloseAccessRace.class, Long.toString(CONTROL_PAIRS), path.name());
            System.out.println("[control, " + path + "] " + run.output().strip());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("unguarded=true").doesNotContain("violations=0 ");
        }
    }

    private static void assertGuarded(CloseAccessRace.Path path) throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            CloseAccessRace.Outcome outcome = CloseAccessRace.run(memory, PAIRS, path);
            System.out.println("[guarded, " + path + "] " + outcome);
            assertThat(outcome.pairs()).isEqualTo(PAIRS / 2 * 2);
            assertThat(outcome.violations()).as(outcome.toString()).isZero();
        }
    }
}
