package org.lle.memory.internal.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared short wait: it returns when the condition clears, gives up at its limit, and counts its rounds. */
class SpinWaitTest {
    private static final SpinWait WAIT = new SpinWait(4, 4, 1_000);

    @Test
    void returnsAsSoonAsTheConditionClearsLookingOncePerPause() {
        AtomicInteger looks = new AtomicInteger();
        assertThat(WAIT.awaitWhile(looks, l -> l.incrementAndGet() < 20, TimeUnit.SECONDS.toNanos(20))).isTrue();
        assertThat(looks).hasValue(20);
    }

    @Test
    void returnsWhenAnotherThreadClearsTheCondition() throws InterruptedException {
        AtomicBoolean busy = new AtomicBoolean(true);
        Thread clearer = new Thread(() -> busy.set(false));
        clearer.start();
        assertThat(WAIT.awaitWhile(busy, AtomicBoolean::get, TimeUnit.SECONDS.toNanos(20))).isTrue();
        clearer.join();
    }

    @Test
    void givesUpOnceTheLimitHasPassedSinceSpinningEnded() {
        long limit = TimeUnit.MILLISECONDS.toNanos(50);
        long start = System.nanoTime();
        assertThat(WAIT.awaitWhile(new Object(), o -> true, limit)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThan(limit);
    }

    @Test
    void aZeroLimitLooksOncePausesOnceAndGivesUp() {
        AtomicInteger looks = new AtomicInteger();
        assertThat(WAIT.awaitWhile(looks, l -> l.incrementAndGet() > 0, 0)).isFalse();
        assertThat(looks).hasValue(1);
    }

    @Test
    void roundsSpinThenStopCountingAtTheLargestInt() {
        assertThat(WAIT.spinning(WAIT.pause(3))).isTrue();
        assertThat(WAIT.spinning(WAIT.pause(4))).isFalse();
        assertThat(WAIT.pause(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void negativeSettingsAreRefusedNamingThem() {
        assertThatThrownBy(() -> new SpinWait(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spins -1");
    }
}
