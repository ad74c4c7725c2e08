package org.lle.memory.secure.posix.internal;

import java.util.concurrent.TimeUnit;
import org.lle.memory.internal.wait.SpinWait;

/**
 * How a closing {@link ArenaSlot} waits for other threads: for another closer to finish, for the single accesses
 * in flight to leave, for an open {@link SlotAccess} to close. Each wait is the project's {@link SpinWait}: it
 * spins a while, then yields; a bounded wait reads the clock only once it yields, so the usual short wait never
 * does. Stateless: the slot's state word stays in the slot, and each condition is a method reference that
 * captures nothing.
 */
final class SlotCloseWait {
    /** Spins, then yields for as long as it waits: the waits are for other threads' bounded work. */
    private static final SpinWait WAIT = new SpinWait(256, Integer.MAX_VALUE, 0);

    private SlotCloseWait() {
    }

    /**
     * Sets the slot's CLOSING bit (which refuses every new access), then waits for the single accesses in flight
     * to leave; each is a bounded copy, so that wait has no limit.
     *
     * @return {@code true} when this caller now closes the slot; {@code false} when it is closed already, or
     *         abandoned to an open access (closed for every caller), also after waiting for another closer
     * @throws IllegalStateException when another thread has been closing the slot for over {@code closerWaitNanos}
     */
    static boolean beginClose(ArenaSlot slot, long closerWaitNanos) {
        int spins = 0;
        long waitingSince = 0;
        while (true) {
            int s = slot.state();
            if ((s & ArenaSlot.ABANDONED) != 0) {
                return false;
            }
            if ((s & ArenaSlot.CLOSING) != 0) { // another thread is closing: return once it is done, or give up
                spins = WAIT.pause(spins);
                if (!WAIT.spinning(spins)) {
                    long now = System.nanoTime();
                    if (waitingSince == 0) {
                        waitingSince = now;
                    } else if (now - waitingSince > closerWaitNanos) {
                        throw new IllegalStateException("secure buffer of " + slot.size + " bytes: another thread has "
                                + "been closing it for over " + TimeUnit.NANOSECONDS.toMillis(closerWaitNanos)
                                + " ms; it is not closed yet");
                    }
                }
                continue;
            }
            if (slot.markClosing(s)) {
                break;
            }
        }
        while (!SlotControlRuns.UNGUARDED && slot.accessesInFlight()) {
            spins = WAIT.pause(spins); // counting on from the wait for another closer
        }
        return true;
    }

    /**
     * @param waitNanos how long to wait; 0 looks once (after one pause) and does not wait
     * @return whether no access is open (any more)
     */
    static boolean awaitAccessClosed(ArenaSlot slot, long waitNanos) {
        return SlotControlRuns.UNGUARDED || WAIT.awaitWhile(slot, ArenaSlot::accessOpen, waitNanos);
    }
}
