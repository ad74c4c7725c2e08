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
 * <p>The number of closes per path is {@code -Dlle.pool.accessRace.closes=N} (default 5,000,000 each, 10 million
 * racing close/access pairs in all); every close is raced by accesses on the other thread of its pair.
 */
class AccessRaceStressTest {
    private static final long CLOSES = Long.getLong("lle.pool.accessRace.closes", 5_000_000L);
    /** The control stops at its first violation; a few hundred thousand closes find one many times over. */
    private static final long CONTROL_CLOSES = 2_000_000L;

    private final DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(TestConfigs.small(8, 1).build());

    @AfterEach
    void tearDown() {
        PooledBlock.unguardedForTest = false;
        pools.close();
    }

    @ParameterizedTest
    @EnumSource(AccessRace.Path.class)
    void noRacingAccessEverReachesALaterOwnersMemory(AccessRace.Path path) throws InterruptedException {
        AccessRace.Outcome outcome = new AccessRace(pools, path, CLOSES, false).run(deadlineSeconds(CLOSES));
        System.out.println(path + ": " + outcome);
        assertThat(outcome.closes()).as("closes raced").isGreaterThanOrEqualTo(CLOSES);
        assertThat(outcome.refused()).as("accesses refused because of a close: the race happened").isPositive();
        assertThat(outcome.violations()).as(outcome.toString()).isZero();
    }

    @ParameterizedTest
    @EnumSource(AccessRace.Path.class)
    void control_withoutTheGuardTheSameRaceReachesALaterOwnersMemory(AccessRace.Path path)
            throws InterruptedException {
        PooledBlock.unguardedForTest = true;
        AccessRace.Outcome outcome = new AccessRace(pools, path, CONTROL_CLOSES, true)
                .run(deadlineSeconds(CONTROL_CLOSES));
        System.out.println(path + " without the guard: " + outcome);
        assertThat(outcome.violations()).as("the check catches an unguarded race: " + outcome).isPositive();
    }

    /** Generous: the count decides the run, this only keeps a broken run from hanging the build. */
    private static long deadlineSeconds(long closes) {
        return Math.max(60, TimeUnit.MICROSECONDS.toSeconds(closes * 20));
    }
}
