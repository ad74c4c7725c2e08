package org.lle.memory.secure.posix.internal;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import org.lle.memory.internal.access.AccessChecks;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.secure.SecureBuffer;

/**
 * The {@link SecureBuffer} handed to users: each call checks its arguments, then runs between its {@link ArenaSlot}'s
 * {@link ArenaSlot#enter() enter} and {@link ArenaSlot#exit exit}, so a close waits for it and no call runs after one; a
 * call that writes tells the slot how far ({@link ArenaSlot#wrote}) before it writes, so close wipes no less. Its
 * {@link LeakGuard} watches this object and wipes and reports the slot if it is dropped without {@link #close()}.
 */
final class ArenaBuffer implements SecureBuffer {
    private final ArenaSlot slot;

    ArenaBuffer(ArenaSlot slot) {
        this.slot = slot;
    }

    @Override
    public int size() {
        return slot.size;
    }

    @Override
    public byte get(int index) {
        Objects.checkIndex(index, slot.size);
        boolean asOwner = slot.enter();
        try {
            return RawBytes.AVAILABLE ? RawBytes.get(slot.base + index) : slot.view().get(slot.offset + index);
        } finally {
            slot.exit(asOwner);
        }
    }

    @Override
    public void put(int index, byte value) {
        Objects.checkIndex(index, slot.size);
        boolean asOwner = slot.enter();
        try {
            slot.wrote(asOwner, index + 1);
            if (RawBytes.AVAILABLE) {
                RawBytes.put(slot.base + index, value);
            } else {
                slot.view().put(slot.offset + index, value);
            }
        } finally {
            slot.exit(asOwner);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        AccessChecks.checkTransfer(index, length, slot.size, dst, offset, "dst");
        boolean asOwner = slot.enter();
        try {
            slot.view().get(slot.offset + index, dst, offset, length);
        } finally {
            slot.exit(asOwner);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        AccessChecks.checkTransfer(index, length, slot.size, src, offset, "src");
        boolean asOwner = slot.enter();
        try {
            slot.wrote(asOwner, index + length);
            slot.view().put(slot.offset + index, src, offset, length);
        } finally {
            slot.exit(asOwner);
        }
    }

    /**
     * Copies into {@code dst} from its position, under one enter/exit: position and limit of {@code dst} are
     * read once, bounds are checked before any byte moves, and the position advances afterwards.
     */
    @Override
    public void read(int index, ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int position = dst.position();
        int length = dst.limit() - position;
        Objects.checkFromIndexSize(index, length, slot.size);
        boolean asOwner = slot.enter();
        try {
            dst.put(position, slot.view(), slot.offset + index, length);
        } finally {
            slot.exit(asOwner);
        }
        dst.position(position + length);
    }

    /** Copies from {@code src} at its position, as {@link #read(int, ByteBuffer)} does the other way. */
    @Override
    public void write(int index, ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        int position = src.position();
        int length = src.limit() - position;
        Objects.checkFromIndexSize(index, length, slot.size);
        boolean asOwner = slot.enter();
        try {
            slot.wrote(asOwner, index + length);
            slot.view().put(slot.offset + index, src, position, length);
        } finally {
            slot.exit(asOwner);
        }
        src.position(position + length);
    }

    @Override
    public void copy(int from, int to, int length) {
        Objects.checkFromIndexSize(from, length, slot.size);
        Objects.checkFromIndexSize(to, length, slot.size);
        boolean asOwner = slot.enter();
        try {
            slot.wrote(asOwner, to + length);
            ViewBytes.copy(slot.view(), slot.offset, slot.size, from, to, length);
        } finally {
            slot.exit(asOwner);
        }
    }

    @Override
    public void fill(int index, int length, byte value) {
        Objects.checkFromIndexSize(index, length, slot.size);
        boolean asOwner = slot.enter();
        try {
            slot.wrote(asOwner, index + length);
            ViewBytes.fill(slot.view(), slot.offset, slot.size, index, length, value);
        } finally {
            slot.exit(asOwner);
        }
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

    /** Time depends on the lengths only: every byte is compared, differences are OR-ed together. */
    @Override
    public boolean contentEquals(byte[] other) {
        boolean asOwner = slot.enter();
        try {
            return other != null && other.length == slot.size
                    && ViewBytes.rangeEquals(slot.view(), slot.offset, slot.size, 0, other, 0, slot.size);
        } finally {
            slot.exit(asOwner);
        }
    }

    @Override
    public void clear() {
        boolean asOwner = slot.enter();
        try {
            Wipe.range(slot.view(), slot.offset, slot.size);
        } finally {
            slot.exit(asOwner);
        }
    }

    @Override
    public boolean isClosed() {
        return slot.isClosed();
    }

    /** @throws IllegalStateException when the canary after the buffer was overwritten (still wiped and freed) */
    @Override
    public void close() {
        ArenaSlot.Closing outcome = slot.close();
        Reference.reachabilityFence(this); // unreachable only after close: the guard never sees a half-closed buffer
        if (outcome == ArenaSlot.Closing.CANARY_CORRUPTED) {
            throw new IllegalStateException(ArenaLog.canaryMessage(slot));
        }
    }

    /** @return the slot behind this buffer (tests and diagnostics in this package) */
    ArenaSlot slot() {
        return slot;
    }

    @Override
    public String toString() {
        return "SecureBuffer[" + slot.size + " bytes, " + (isClosed() ? "closed" : isLocked() ? "locked" : "unlocked")
                + "]";
    }
}
