package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closes racing accesses on other threads never let an access reach a later owner's memory (see {@link AccessRace}),
 * through single calls and through an {@link org.lle.memory.pool.PoolBlock.Access}; and with the guard turned off
 * the same race does reach it, so the check is able to see what it looks for.
 *
 * <p>The number of racing close/access pairs per path is {@code -Dlle.pool.accessRace.pairs=N} (default 5,000,000
 * each, 10 million in all); a pair is an access through a handle another thread may be closing at that moment.
 */
class AccessRaceStressTest {
    private static final long PAIRS = Long.getLong("lle.pool.accessRace.pairs", 5_000_000L);
    /** Stops at its first access to a later owner's memory: after 3,000 to 1.1 million pairs in the runs seen. */
    private static final long CONTROL_PAIRS = 20_000_000L;

    /** A few slots, reused at once: a thread's cache hands the slot it just freed to its next allocation. */
    private final DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(
            TestConfigs.small(8, 1).threadCacheSize(2).build());

    @AfterEach
    void tearDown() {
        AccessGuard.unguardedForTest = false;
        pools.close();
    }

    @ParameterizedTest
    @EnumSource(AccessRace.Path.class)
    void noRacingAccessEverReachesALaterOwnersMemory(AccessRace.Path path) throws InterruptedException {
        AccessRace.Outcome outcome = new AccessRace(pools, path, PAIRS, false).run(deadlineSeconds(PAIRS));
        System.out.println(path + ": " + outcome);
        assertThat(outcome.racingAccesses()).as("racing pairs").isGreaterThanOrEqualTo(PAIRS);
        assertThat(outcome.closes()).as("closes raced").isGreaterThan(PAIRS / 10);
        assertThat(outcome.refused()).as("accesses refused because a close won the race").isPositive();
        assertThat(outcome.violations()).as(outcome.toString()).isZero();
    }

    @ParameterizedTest
    @EnumSource(AccessRace.Path.class)
    void control_withoutTheGuardTheSameRaceReachesALaterOwnersMemory(AccessRace.Path path)
            throws InterruptedException {
        AccessGuard.unguardedForTest = true;
        AccessRace.Outcome outcome = new AccessRace(pools, path, CONTROL_PAIRS, true)
                .run(deadlineSeconds(CONTROL_PAIRS));
        System.out.println(path + " without the guard: " + outcome);
        assertThat(outcome.laterOwnerViolations()).as("the check catches an unguarded race: " + outcome).isPositive();
    }

    /** Generous: the count decides the run, this only keeps a broken run from hanging the build. */
    private static long deadlineSeconds(long pairs) {
        return Math.max(60, TimeUnit.MICROSECONDS.toSeconds(pairs * 20));
    }
}
