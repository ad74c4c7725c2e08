package org.lle.memory.secure.posix.internal;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.lle.memory.secure.SecureBuffer;

/**
 * The {@link SecureBuffer} handed to users: a thin face over its {@link Slot}. Its {@link LeakGuard} watches
 * this object and wipes and reports the slot if it is dropped without {@link #close()}.
 */
final class ArenaBuffer implements SecureBuffer {
    private final Slot slot;

    ArenaBuffer(Slot slot) {
        this.slot = slot;
    }

    @Override
    public int size() {
        return slot.size;
    }

    @Override
    public byte get(int index) {
        return slot.get(index);
    }

    @Override
    public void put(int index, byte value) {
        slot.put(index, value);
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        slot.read(index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        slot.write(index, src, offset, length);
    }

    @Override
    public void read(int index, ByteBuffer dst) {
        slot.read(index, dst);
    }

    @Override
    public void write(int index, ByteBuffer src) {
        slot.write(index, src);
    }

    @Override
    public void copy(int from, int to, int length) {
        slot.copy(from, to, length);
    }

    @Override
    public void fill(int index, int length, byte value) {
        slot.fill(index, length, value);
    }

    /** The view holds the slot, not this buffer: see {@link SlotAccess}. */
    @Override
    public Access access() {
        return slot.openAccess();
    }

    @Override
    public boolean isLocked() {
        return slot.isLocked();
    }

    @Override
    public boolean contentEquals(byte[] other) {
        return slot.contentEquals(other);
    }

    @Override
    public void clear() {
        slot.clear();
    }

    @Override
    public boolean isClosed() {
        return slot.isClosed();
    }

    /** @throws IllegalStateException when the canary after the buffer was overwritten (still wiped and freed) */
    @Override
    public void close() {
        Slot.Closing outcome = slot.close();
        Reference.reachabilityFence(this); // unreachable only after close: the guard never sees a half-closed buffer
        if (outcome == Slot.Closing.CANARY_CORRUPTED) {
            throw new IllegalStateException(ArenaLog.canaryMessage(slot));
        }
    }

    /** @return the slot behind this buffer (tests and diagnostics in this package) */
    Slot slot() {
        return slot;
    }

    @Override
    public String toString() {
        return "SecureBuffer[" + slot.size + " bytes, " + (isClosed() ? "closed" : isLocked() ? "locked" : "unlocked")
                + "]";
    }
}
