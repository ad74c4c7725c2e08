package org.lle.memory.secure.posix.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One secure buffer's place in a chunk, and the guard that keeps its memory mapped while any access runs.
 *
 * <p>{@code state} is the number of accesses in flight; the CLOSING bit refuses new ones; {@link #CLOSED}
 * (all bits) is final. Every access enters (count + 1) before touching memory and leaves after, and close
 * waits for the count to drain before it wipes and returns the slot. A chunk is unmapped only when all its
 * slots are returned, so no access can ever reach unmapped memory: a use after close is an
 * {@link IllegalStateException}, never a crash.
 *
 * <p>Layout: {@code size} bytes of the buffer, then an 8-byte canary, then unused bytes up to the stride.
 * This object must not reference its {@link ArenaBuffer}: the leak guard watches that one for unreachability.
 */
final class Slot {
    enum Closing { ALREADY_CLOSED, CLOSED, CANARY_CORRUPTED }

    private static final VarHandle STATE;
    private static final int CLOSING = 1 << 30;
    private static final int CLOSED = -1;
    private static final int SPINS_BEFORE_YIELD = 256;
    /**
     * How long a closer waits for another thread's close before giving up. A close takes microseconds; only a
     * closer stalled for this long (descheduled, or stuck in a hook) makes a second closer throw.
     */
    static final long CLOSER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
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
    /** Born with one access in flight: the allocating thread, until it has written the canary. */
    private volatile int state = 1;

    Slot(ArenaChunk chunk, int index, int size) {
        this.chunk = chunk;
        this.index = index;
        this.offset = index * chunk.stride;
        this.size = size;
    }

    /** Finishes the allocation: writes the canary after the buffer's last byte. */
    void open() {
        view().putLong(offset + size, chunk.canary(index));
        exit();
    }

    byte get(int i) {
        Objects.checkIndex(i, size);
        enter();
        try {
            return view().get(offset + i);
        } finally {
            exit();
        }
    }

    void put(int i, byte value) {
        Objects.checkIndex(i, size);
        enter();
        try {
            view().put(offset + i, value);
        } finally {
            exit();
        }
    }

    void read(int i, byte[] dst, int dstOffset, int length) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(i, length, size);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        enter();
        try {
            view().get(offset + i, dst, dstOffset, length);
        } finally {
            exit();
        }
    }

    void write(int i, byte[] src, int srcOffset, int length) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(i, length, size);
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        enter();
        try {
            view().put(offset + i, src, srcOffset, length);
        } finally {
            exit();
        }
    }

    /**
     * Copies into {@code dst} from its position, under one enter/exit: position and limit of {@code dst} are
     * read once, bounds are checked before any byte moves, and the position advances afterwards.
     */
    void read(int i, ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int position = dst.position();
        int length = dst.limit() - position;
        Objects.checkFromIndexSize(i, length, size);
        enter();
        try {
            dst.put(position, view(), offset + i, length);
        } finally {
            exit();
        }
        dst.position(position + length);
    }

    /** Copies from {@code src} at its position, as {@link #read(int, ByteBuffer)} does the other way. */
    void write(int i, ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        int position = src.position();
        int length = src.limit() - position;
        Objects.checkFromIndexSize(i, length, size);
        enter();
        try {
            view().put(offset + i, src, position, length);
        } finally {
            exit();
        }
        src.position(position + length);
    }

    /** Time depends on the lengths only: every byte is compared, differences are OR-ed together. */
    boolean contentEquals(byte[] other) {
        enter();
        try {
            if (other == null || other.length != size) {
                return false;
            }
            ByteBuffer view = view();
            int diff = 0;
            for (int i = 0; i < size; i++) {
                diff |= view.get(offset + i) ^ other[i];
            }
            return diff == 0;
        } finally {
            exit();
        }
    }

    void clear() {
        enter();
        try {
            Wiper.wipe(view(), offset, size);
        } finally {
            exit();
        }
    }

    boolean isClosed() {
        return state == CLOSED;
    }

    boolean isLocked() {
        return !isClosed() && chunk.memory.locked();
    }

    /** @return the native address of the buffer's first byte (tests and diagnostics) */
    long address() {
        return chunk.memory.data + offset;
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
        return close(CLOSER_WAIT_NANOS);
    }

    /** {@link #close()} with the wait for another closer given (tests). */
    Closing close(long closerWaitNanos) {
        if (!beginClose(closerWaitNanos)) {
            return Closing.ALREADY_CLOSED;
        }
        boolean intact;
        try {
            ByteBuffer view = view();
            intact = view.getLong(offset + size) == chunk.canary(index);
            Runnable fault = closeFaultForTest;
            if (fault != null) {
                fault.run();
            }
            Wiper.wipe(view, offset, chunk.stride);
        } catch (Throwable failure) {
            state = 0; // open again, no access in flight: a later close() can finish the job
            throw failure;
        }
        state = CLOSED;
        chunk.sizeClass.release(this);
        if (!intact) {
            ArenaLog.canaryCorrupted(this);
            return Closing.CANARY_CORRUPTED;
        }
        return Closing.CLOSED;
    }

    /** The leak guard's action: a buffer that became unreachable without close() is wiped and reported. */
    void closeLeaked() {
        if (!isClosed() && close() != Closing.ALREADY_CLOSED) {
            ArenaLog.leaked(this);
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

    private ByteBuffer view() {
        return chunk.view;
    }

    private void enter() {
        int s;
        do {
            s = state;
            if ((s & CLOSING) != 0) {
                throw new IllegalStateException("secure buffer of " + size + " bytes is closed");
            }
        } while (!STATE.weakCompareAndSet(this, s, s + 1));
    }

    private void exit() {
        STATE.getAndAdd(this, -1);
    }

    private boolean beginClose(long closerWaitNanos) {
        int spins = 0;
        long waitingSince = 0;
        while (true) {
            int s = state;
            if (s == CLOSED) {
                return false;
            }
            if ((s & CLOSING) != 0) { // another thread is closing: return once it is done, or give up
                spins = pause(spins);
                if (spins > SPINS_BEFORE_YIELD) {
                    long now = System.nanoTime();
                    if (waitingSince == 0) {
                        waitingSince = now;
                    } else if (now - waitingSince > closerWaitNanos) {
                        throw new IllegalStateException("secure buffer of " + size + " bytes: another thread has "
                                + "been closing it for over " + TimeUnit.NANOSECONDS.toMillis(closerWaitNanos)
                                + " ms; it is not closed yet");
                    }
                }
                continue;
            }
            if (STATE.compareAndSet(this, s, s | CLOSING)) {
                break;
            }
        }
        while (state != CLOSING) { // accesses in flight finish (each is a bounded copy)
            spins = pause(spins);
        }
        return true;
    }

    private static int pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
