package org.lle.memory.secure.posix.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.lle.memory.internal.wipe.Wipe;

/**
 * One secure buffer's place in a chunk, and the guard that keeps its memory mapped while any access runs.
 *
 * <p>{@code state} is the number of single accesses in flight (the low bits); the ACCESS bit says a
 * {@link SlotAccess} is open; the CLOSING bit refuses new accesses; {@link #CLOSED} (all bits) is final. Every
 * single access enters (count + 1) before touching memory and leaves after; an open {@link SlotAccess} holds the
 * slot the same way for its whole life, so its calls need no synchronization. Close waits ({@link SlotCloseWait})
 * for the count to drain and for the open access to close before it wipes and returns the slot. A chunk is
 * unmapped only when all its slots are returned, so no access can ever reach unmapped memory: a use after close is an
 * {@link IllegalStateException}, never a crash.
 *
 * <p>The wait for an open access is bounded ({@link #CLOSER_WAIT_NANOS}): past it the closer wipes the slot,
 * marks it ABANDONED and throws; the slot is not returned, so its memory goes to nobody else while the access
 * can still touch it; the access's own close wipes it once more and returns it.
 *
 * <p>Layout: {@code size} bytes of the buffer, then an 8-byte canary, then unused bytes up to the stride.
 * This object must not reference its {@link ArenaBuffer}: the leak guard watches that one for unreachability.
 */
final class ArenaSlot {
    enum Closing { ALREADY_CLOSED, CLOSED, CANARY_CORRUPTED }

    private static final VarHandle STATE;
    private static final VarHandle OWNER_BUSY;
    private static final int ACCESS = 1 << 28;
    static final int ABANDONED = 1 << 29;
    static final int CLOSING = 1 << 30;
    private static final int COUNT = ACCESS - 1;
    private static final int CLOSED = -1;
    /**
     * How long a closer waits for another thread's close before giving up. A close takes microseconds; only a
     * closer stalled for this long (descheduled, or stuck in a hook) makes a second closer throw.
     */
    static final long CLOSER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ArenaSlot.class, "state", int.class);
            OWNER_BUSY = MethodHandles.lookup().findVarHandle(ArenaSlot.class, "ownerBusy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Test hook: runs between CLOSING and the wipe, to inject a Throwable there. {@code null} in production. */
    static volatile Runnable closeFaultForTest;

    final ArenaChunk chunk;
    final int index;
    final int offset;
    final int size;
    /** the native address of the buffer's first byte */
    final long base;
    /**
     * Born 0 (open, nothing in flight) with no store of its own: a volatile initializer would cost a full fence on
     * every allocation. The canary is written before any other thread can see the slot ({@link #ArenaSlot}).
     */
    private volatile int state;
    /** The thread that allocated the buffer: its single accesses use {@link #ownerBusy}, not the count. */
    private final Thread owner = Thread.currentThread();
    /** 1 while {@link #owner} runs a single access (its half of a Dekker handshake with close). */
    private volatile int ownerBusy;
    /** The open access, {@code null} when none: written under the ACCESS bit. */
    private volatile SlotAccess access;
    /**
     * The end of the bytes the {@link #owner}'s single writes may have changed (see {@link #wrote}). Written only
     * by the owner, between its enter and exit; close reads it after the handshake, which orders it.
     */
    private int ownerWrittenEnd;
    /**
     * Set when another thread wrote, or an access was opened: then close wipes the whole slot. Only ever set,
     * to the same value, so racing writers need no atomics; each sets it before its exit, which orders it
     * before close's read.
     */
    private boolean othersWrote;

    ArenaSlot(ArenaChunk chunk, int index, int size) {
        this.chunk = chunk;
        this.index = index;
        this.offset = index * chunk.stride;
        this.size = size;
        this.base = chunk.memory.data + offset;
        // under the class's monitor, which every other way to this slot (shutdown's close, the leak guard's)
        // passes after: no closer can check the canary before it is there
        chunk.view.putLong(offset + size, chunk.canary(index));
    }

    /** @return whether closed, also when abandoned to an open access (closed for everyone but that access) */
    boolean isClosed() {
        return (state & ABANDONED) != 0;
    }

    boolean isLocked() {
        return !isClosed() && chunk.memory.locked();
    }

    /** @return the native address of the buffer's first byte (tests and diagnostics) */
    long address() {
        return base;
    }

    /**
     * Waits for running accesses, checks the canary, wipes the buffer and its canary, returns the slot.
     * Idempotent and safe from any thread; a second closer waits until the first has finished, at most
     * {@link #CLOSER_WAIT_NANOS}.
     *
     * <p>Exception-safe: a Throwable between CLOSING and the end of the wipe (a StackOverflowError in a deep
     * close, an OutOfMemoryError in a class initializer) puts the slot back to open, unwiped, and propagates:
     * the close did not happen, the caller sees why, and any later close (this caller's retry, another
     * thread's, the leak guard's) can finish it. A slot is never left CLOSING with nobody closing it.
     *
     * @throws IllegalStateException when another thread has been closing this slot for longer than the wait
     */
    Closing close() {
        SlotAccess open = access;
        if (open != null && open.owner == Thread.currentThread()) {
            open.close(); // the buffer's close on the access's own thread closes the access first
        }
        return close(CLOSER_WAIT_NANOS, CLOSER_WAIT_NANOS);
    }

    /** {@link #close()} with the wait for another closer given (tests). */
    Closing close(long closerWaitNanos) {
        return close(closerWaitNanos, CLOSER_WAIT_NANOS);
    }

    /**
     * @param accessWaitNanos how long to wait for an open {@link SlotAccess} before abandoning the slot to it
     * @throws IllegalStateException when the slot was abandoned to an access still open (wiped, not returned)
     */
    Closing close(long closerWaitNanos, long accessWaitNanos) {
        if (!SlotCloseWait.beginClose(this, closerWaitNanos)) {
            return Closing.ALREADY_CLOSED;
        }
        boolean intact;
        boolean abandoned = false;
        try {
            ByteBuffer view = view();
            intact = view.getLong(offset + size) == chunk.canary(index);
            Runnable fault = closeFaultForTest;
            if (fault != null) {
                fault.run();
            }
            if (!SlotCloseWait.awaitAccessClosed(this, accessWaitNanos)) {
                Wipe.range(view, offset, chunk.stride);
                // fails when the access closed meanwhile: then finish as usual
                abandoned = STATE.compareAndSet(this, CLOSING | ACCESS, CLOSING | ACCESS | ABANDONED);
            }
            if (!abandoned) {
                wipeWritten(view, intact);
            }
        } catch (Throwable failure) {
            STATE.getAndBitwiseAnd(this, ~CLOSING); // open again: a later close() can finish the job
            throw failure;
        }
        if (abandoned) {
            SlotAccess open = access;
            throw new IllegalStateException("secure buffer of " + size + " bytes: an access opened on thread "
                    + (open == null ? "?" : open.owner.getName()) + " stayed open for over "
                    + TimeUnit.NANOSECONDS.toMillis(accessWaitNanos) + " ms; the buffer was wiped and is closed, "
                    + "and its memory goes to no other buffer until that access closes (then it is wiped again)");
        }
        // a release store is enough: CLOSING, set by compare-and-set, already refuses every access, and the slot
        // reaches a later owner only through the class's monitor, after this store
        STATE.setRelease(this, CLOSED);
        chunk.sizeClass.release(this);
        if (!intact) {
            ArenaLog.canaryCorrupted(this);
            return Closing.CANARY_CORRUPTED;
        }
        return Closing.CLOSED;
    }

    /**
     * Wipes what this buffer's life may have changed: the bytes up to the owner's highest write and the canary.
     * The rest of the slot is zero already (a fresh mapping, or the previous owner's close wiped it), and every
     * way in records its writes ({@link #wrote}, {@link #openAccess}). When that record cannot be trusted the
     * whole slot is wiped: another thread wrote (its range is not kept), an access was open (it writes
     * unrecorded), or the canary was overwritten (something wrote outside the buffer).
     */
    private void wipeWritten(ByteBuffer view, boolean intact) {
        if (othersWrote || !intact) {
            Wipe.range(view, offset, chunk.stride);
        } else if (ownerWrittenEnd == size) {
            Wipe.range(view, offset, size + Long.BYTES); // buffer and canary, adjacent
        } else {
            Wipe.range(view, offset, ownerWrittenEnd);
            // the canary (no secret) is zeroed by one store into native memory, which no JIT removes, cheaper than
            // a second wipe call; after the wipe, so a wipe that throws leaves the canary for the retry's check;
            // the release store of CLOSED below orders it before the slot reaches its next owner
            view.putLong(offset + size, 0L);
        }
    }

    /**
     * Records a write of the buffer's bytes below {@code end}; called between {@link #enter()} and
     * {@link #exit(boolean)}, before the bytes change (a write that fails half-way is still wiped).
     *
     * @param asOwner what {@link #enter()} returned
     * @param end one past the last byte written, already checked against {@link #size}
     */
    void wrote(boolean asOwner, int end) {
        if (SlotControlRuns.UNTRACKED_WRITES) {
            return;
        }
        if (!asOwner) {
            othersWrote = true;
        } else if (end > ownerWrittenEnd) {
            ownerWrittenEnd = end;
        }
    }

    /**
     * The leak guard's action: a buffer that became unreachable without close() is wiped and reported. An access
     * still open (it holds the slot, not the buffer) is not waited for: the slot is abandoned to it.
     */
    void closeLeaked() {
        if (isClosed()) {
            return;
        }
        try {
            if (close(CLOSER_WAIT_NANOS, 0) == Closing.ALREADY_CLOSED) {
                return;
            }
        } catch (IllegalStateException abandoned) {
            // wiped, kept from other owners until the access closes
        }
        ArenaLog.leaked(this);
    }

    /**
     * Opens the one access this slot may have, for the calling thread.
     *
     * @throws IllegalStateException when the slot is closed or an access is open already
     */
    SlotAccess openAccess() {
        SlotAccess opened = new SlotAccess(this, chunk.view, offset, size);
        if (SlotControlRuns.UNGUARDED) {
            return opened;
        }
        int s;
        do {
            s = state;
            if ((s & CLOSING) != 0) {
                throw closed();
            }
            if ((s & ACCESS) != 0) {
                SlotAccess open = access;
                throw new IllegalStateException("secure buffer of " + size + " bytes: an access is already open on it"
                        + (open == null ? "" : " (thread " + open.owner.getName() + ")") + "; accesses do not nest, "
                        + "close that one first");
            }
        } while (!STATE.weakCompareAndSet(this, s, s | ACCESS));
        if (!SlotControlRuns.UNTRACKED_WRITES) {
            othersWrote = true; // an access writes unrecorded: set under the ACCESS bit, which close waits for
        }
        access = opened;
        return opened;
    }

    /** The open access closed (its own thread). When a closer abandoned the slot to it, it finishes the close. */
    void accessClosed() {
        if (SlotControlRuns.UNGUARDED) {
            return;
        }
        access = null;
        int before = (int) STATE.getAndBitwiseAnd(this, ~ACCESS);
        if ((before & ABANDONED) != 0) {
            Wipe.range(view(), offset, chunk.stride);
            state = CLOSED;
            chunk.sizeClass.release(this);
        }
    }

    /** Test hook: writes at {@code slotOffset} from the slot's start, past the buffer's end if asked. */
    void rawPutForTest(int slotOffset, byte value) {
        view().put(offset + slotOffset, value);
    }

    @Override
    public String toString() {
        return "slot " + index + " (" + size + " bytes) of the " + chunk.sizeClass.slotSize
                + "-byte chunk at 0x" + Long.toHexString(chunk.memory.data);
    }

    ByteBuffer view() {
        return chunk.view;
    }

    /**
     * Admits a single access, or throws when the slot is closing.
     *
     * <p>The allocating thread (the usual caller) takes the cheaper way: it raises {@link #ownerBusy} with a
     * volatile store, then reads {@code state}; close sets CLOSING with a compare-and-set, then reads
     * {@code ownerBusy}. Both pairs are volatile, hence sequentially consistent: either the access sees CLOSING
     * and backs out, or close sees the access and waits for it. That is one fenced store instead of two atomic
     * read-modify-writes. Other threads count themselves into {@code state}.
     *
     * @return whether the access went the owner's way (hand it to {@link #exit(boolean)})
     */
    boolean enter() {
        if (SlotControlRuns.UNGUARDED) {
            return false;
        }
        if (Thread.currentThread() == owner) {
            OWNER_BUSY.setVolatile(this, 1);
            if ((state & CLOSING) != 0) {
                OWNER_BUSY.setRelease(this, 0);
                throw closed();
            }
            return true;
        }
        int s;
        do {
            s = state;
            if ((s & CLOSING) != 0) {
                throw closed();
            }
        } while (!STATE.weakCompareAndSet(this, s, s + 1));
        return false;
    }

    void exit(boolean asOwner) {
        if (asOwner) {
            OWNER_BUSY.setRelease(this, 0);
        } else if (!SlotControlRuns.UNGUARDED) {
            STATE.getAndAdd(this, -1);
        }
    }

    /** One volatile read of the state word (for {@link SlotCloseWait}). */
    int state() {
        return state;
    }

    /** @return whether this call set the CLOSING bit over the state {@code seen}, which was still current */
    boolean markClosing(int seen) {
        return STATE.compareAndSet(this, seen, seen | CLOSING);
    }

    /** @return whether single accesses are in flight; {@code ownerBusy} is read after the state, as close needs */
    boolean accessesInFlight() {
        return (state & COUNT) != 0 || ownerBusy != 0;
    }

    /** @return whether an access is open */
    boolean accessOpen() {
        return (state & ACCESS) != 0;
    }

    private IllegalStateException closed() {
        return new IllegalStateException("secure buffer of " + size + " bytes is closed");
    }
}
