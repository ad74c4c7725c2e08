package org.lle.memory.internal.wait;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waits while a condition holds, for a wait expected to be short (another thread finishing a bounded copy or a
 * close): the first rounds spin ({@link Thread#onSpinWait()}), the next ones {@link Thread#yield()}, the rest
 * park for a fixed time. The clock is read only once spinning ends, so the usual short wait never reads it, and
 * the limit counts from that first reading. Immutable: a wait keeps its state in locals (a caller's own loop
 * holds the round count), so one instance serves every thread. The subject is passed in so that the condition
 * can be a method reference that captures nothing ({@code Slot::busy}).
 */
public final class SpinWait {
    private final int spins;
    private final int yields;
    private final long parkNanos;

    /**
     * @param spins rounds that spin before the first yield
     * @param yields rounds that yield after the spinning ones, before the rest park
     * @param parkNanos how long each later round parks; 0: no round parks, every one after the spins yields
     *        (whatever {@code yields} says)
     */
    public SpinWait(int spins, int yields, long parkNanos) {
        if (spins < 0 || yields < 0 || parkNanos < 0) {
            throw new IllegalArgumentException("spins " + spins + ", yields " + yields + ", parkNanos "
                    + parkNanos + ": none may be negative");
        }
        this.spins = spins;
        this.yields = yields;
        this.parkNanos = parkNanos;
    }

    /**
     * Pauses, then checks the limit, for as long as {@code busy} holds for {@code subject}.
     *
     * @param limitNanos how long to wait once spinning has ended; 0 pauses once and gives up
     * @return {@code true} when {@code busy} stopped holding, {@code false} when the limit passed first
     */
    public <T> boolean awaitWhile(T subject, Predicate<? super T> busy, long limitNanos) {
        long start = 0;
        int round = 0;
        while (busy.test(subject)) {
            round = pause(round);
            if (!spinning(round)) {
                long now = System.nanoTime();
                if (start == 0) {
                    start = now;
                } else if (now - start > limitNanos) {
                    return false;
                }
            }
            if (limitNanos == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * One pause of a caller's own loop, for a wait whose limit does not fit {@link #awaitWhile} (one that
     * throws at its limit, or goes on counting across two conditions).
     *
     * @param round what the previous pause of this wait returned; 0 for its first pause
     * @return the round to pass to the next pause (it stops counting at {@link Integer#MAX_VALUE})
     */
    public int pause(int round) {
        if (round < spins) {
            Thread.onSpinWait();
        } else if (parkNanos == 0 || round - spins < yields) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
        }
        return next(round);
    }

    /**
     * @param round what the last {@link #pause} returned
     * @return whether every pause so far has spun: the caller's limit is not worth a clock reading yet
     */
    public boolean spinning(int round) {
        return round <= spins;
    }

    private static int next(int round) {
        return round == Integer.MAX_VALUE ? round : round + 1;
    }

    @Override
    public String toString() {
        return "SpinWait[" + spins + " spins, " + yields + " yields, then park " + parkNanos + " ns]";
    }
}
