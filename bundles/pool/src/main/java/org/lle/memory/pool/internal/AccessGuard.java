package org.lle.memory.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.lle.memory.internal.wait.SpinWait;

/**
 * The life state of a {@link PooledBlock} and the registration of the accesses in flight that its close waits for,
 * so a close racing an access on another thread never lets the access read or write the memory of the next owner:
 * the access either finishes on this owner's memory or throws.
 *
 * <p>A single call registers itself: the allocating thread (the usual user) in {@code ownerBusy} with one volatile
 * store and leaves with a plain release store; any other thread in the low bits of {@code state} with an atomic
 * add. The close sets the closed bit in {@code state}, then waits for every registered access to leave before the
 * slot is wiped and reused (a Dekker pair: the access stores its mark then reads the closed bit, the close sets the
 * bit then reads the marks, so at least one of them sees the other).
 *
 * <p>A {@link BlockAccess} registers once, when it opens, with the {@code ACCESS} bit in {@code state} (one
 * compare-and-set, ordered with the close's atomic update of the same field), and leaves when it closes; the close
 * waits for the bit like for any access in flight, so the calls on the open access need no synchronization.
 *
 * <p>The wait is bounded: a mark that a Throwable left set (for example a StackOverflowError between registering and
 * the access's {@code finally}), a thread stuck inside an access or an access never closed must not hang close.
 * Past the bound the close sets {@code RETIRED} (the block then wipes the slot and never hands it to another owner);
 * an open access or another thread's call that leaves later sees the bit and wipes the slot again, so nothing it
 * wrote since lingers.
 */
abstract class AccessGuard {
    /** Spins, yields, then parks 0.1 ms a round: a call in flight is finishing a bounded copy. */
    private static final SpinWait ACCESSES_LEAVING = new SpinWait(1024, 1024, 100_000);
    private static final int CLOSED = 0x4000_0000;
    private static final int ACCESS = 0x2000_0000;
    private static final int RETIRED = 0x1000_0000;
    /**
     * Close must wipe the whole size, not only up to the allocating thread's mark: another thread wrote, or an
     * access opened. Kept in this word, not in a field of the block, so a handle is smaller; both paths that set it
     * update this word atomically anyway.
     */
    private static final int WIDE_WIPE = 0x0800_0000;
    /** Leak detection tracks the block (set before it is handed out): close tells the tracker. */
    private static final int TRACKED = 0x0400_0000;
    /** The count of other threads' single calls in flight. */
    private static final int FOREIGN_CALLS = TRACKED - 1;
    private static final VarHandle STATE;
    private static final VarHandle OWNER_BUSY;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AccessGuard.class, "state", int.class);
            OWNER_BUSY = MethodHandles.lookup().findVarHandle(AccessGuard.class, "ownerBusy", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * For the race stress test's control only: when set, close does not wait for the accesses in flight, so a racing
     * access can reach a later owner's memory (the test shows that it then does). Never set elsewhere. Read only by
     * close, so the access paths carry no trace of it.
     */
    static boolean unguardedForTest;

    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /**
     * 1 while the allocating thread is inside a single call. A byte, not an int: it fits a gap of the handle's
     * layout, and every handle lives on the heap as long as its block.
     */
    @SuppressWarnings("unused") // through OWNER_BUSY
    private volatile byte ownerBusy;

    /** Wipes the whole slot: an access left after the close had given up on it and retired the slot. */
    abstract void wipeRetired();

    /** @return whether {@link #markClosed()} has run */
    final boolean closedBit() {
        return ((int) STATE.getVolatile(this) & CLOSED) != 0;
    }

    /** Registers a single call. @return false (nothing registered) when the block is closed */
    final boolean registerCall(boolean owner) {
        if (owner) {
            OWNER_BUSY.setVolatile(this, (byte) 1);
            if (((int) STATE.getVolatile(this) & CLOSED) == 0) {
                return true;
            }
        } else if (((int) STATE.getAndAdd(this, 1) & CLOSED) == 0) {
            return true;
        }
        leaveCall(owner);
        return false;
    }

    /** Ends what {@link #registerCall} registered, publishing the call's writes to a waiting close. */
    final void leaveCall(boolean owner) {
        if (owner) {
            OWNER_BUSY.setRelease(this, (byte) 0);
        } else if (((int) STATE.getAndAdd(this, -1) & RETIRED) != 0) {
            wipeRetired();
        }
    }

    /**
     * Registers an open {@link BlockAccess}.
     *
     * @return false (nothing registered) when the block is closed or another access is open ({@link #closedBit()}
     *         tells which)
     */
    final boolean registerAccess() {
        for (int s = (int) STATE.getVolatile(this);; s = (int) STATE.getVolatile(this)) {
            if ((s & (CLOSED | ACCESS)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | ACCESS | WIDE_WIPE)) { // an access may write anywhere
                return true;
            }
        }
    }

    /** Ends what {@link #registerAccess} registered, publishing the access's writes to a waiting close. */
    final void leaveAccess(boolean mayHaveWritten) {
        if (((int) STATE.getAndAdd(this, -ACCESS) & RETIRED) != 0 && mayHaveWritten) {
            wipeRetired();
        }
    }

    /** Marks the block as tracked by leak detection; only before it is handed out. */
    final void markTracked() {
        STATE.getAndBitwiseOr(this, TRACKED);
    }

    /** @return whether leak detection tracks the block */
    final boolean tracked() {
        return ((int) STATE.getVolatile(this) & TRACKED) != 0;
    }

    /** Makes close wipe the whole size: called by another thread's write while its call is registered. */
    final void markWideWipe() {
        if (((int) STATE.getVolatile(this) & WIDE_WIPE) == 0) {
            STATE.getAndBitwiseOr(this, WIDE_WIPE);
        }
    }

    /** @return whether close must wipe the whole size; final once every access left */
    final boolean wideWipe() {
        return ((int) STATE.getVolatile(this) & WIDE_WIPE) != 0;
    }

    /**
     * Closes the block if its state shows nothing but an open block: no access open, no other thread's call in
     * flight, no leak record, nothing wide to wipe. Called by the allocating thread, this means nothing is in flight
     * at all (its own calls are not: it is here), so there is nothing to wait for.
     *
     * @return whether it closed the block; if not, nothing changed
     */
    final boolean markClosedIfIdle() {
        return STATE.compareAndSet(this, 0, CLOSED);
    }

    /** @return false when the block was already closed (by this or another thread) */
    final boolean markClosed() {
        if (STATE.compareAndSet(this, 0, CLOSED)) { // the usual case: open, no access in flight
            return true;
        }
        return ((int) STATE.getAndBitwiseOr(this, CLOSED) & CLOSED) == 0;
    }

    /**
     * Waits, after {@link #markClosed()}, until no registered access is in flight, at most {@code limitNanos}.
     *
     * @return false when it gave up: the slot is now marked retired and must never reach another owner
     */
    final boolean awaitAccessesLeft(long limitNanos) {
        return unguardedForTest || ACCESSES_LEAVING.awaitWhile(this, AccessGuard::inFlight, limitNanos)
                || !markRetired();
    }

    private boolean inFlight() {
        return ((int) STATE.getVolatile(this) & (ACCESS | FOREIGN_CALLS)) != 0
                || (byte) OWNER_BUSY.getVolatile(this) != 0;
    }

    /** Sets {@code RETIRED} unless the last access left just now. @return whether it was set */
    private boolean markRetired() {
        for (int s = (int) STATE.getVolatile(this);; s = (int) STATE.getVolatile(this)) {
            if (!inFlight()) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | RETIRED)) {
                return true;
            }
        }
    }
}
