package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.testkit.ChildJvmRun;

/**
 * An access racing a close on another thread never reaches a later owner's memory: {@link CloseAccessRace}
 * over the POSIX provider, through single calls and through an access. The count is
 * {@code -Dlle.secure.stress.pairs} close/access pairs per path (CI default {@value #DEFAULT_PAIRS}). The
 * control runs the same race in a child JVM with the guard switched off ({@link Slot#UNGUARDED_FOR_TEST}) and
 * must see violations, so the check is shown to catch one.
 */
class CloseAccessRaceTest {
    static final long DEFAULT_PAIRS = 5_000_000;
    private static final long PAIRS = Long.getLong("lle.secure.stress.pairs", DEFAULT_PAIRS);
    private static final long CONTROL_PAIRS = 200_000;

    @Test
    void singleCallsRacingCloseNeverTouchALaterOwnersMemory() throws Exception {
        assertGuarded(false);
    }

    @Test
    void accessesRacingCloseNeverTouchALaterOwnersMemory() throws Exception {
        assertGuarded(true);
    }

    @Test
    void controlWithTheGuardOffTheRaceCheckFindsForeignAccesses() {
        for (String path : List.of("single", "access")) {
            ChildJvmRun run = ChildJvmRun.wrapped(List.of(), List.of("-Dlle.secure.posix.unguardedForTest=true",
                    "-Xmx64m"), CloseAccessRace.class, Long.toString(CONTROL_PAIRS), path);
            System.out.println("[control, " + path + "] " + run.output().strip());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("unguarded=true").doesNotContain("violations=0 ");
        }
    }

    private static void assertGuarded(boolean viaAccess) throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            CloseAccessRace.Outcome outcome = CloseAccessRace.run(memory, PAIRS, viaAccess);
            System.out.println("[guarded, " + (viaAccess ? "access" : "single") + "] " + outcome);
            assertThat(outcome.pairs()).isEqualTo(PAIRS / 2 * 2);
            assertThat(outcome.violations()).as(outcome.toString()).isZero();
        }
    }
}
