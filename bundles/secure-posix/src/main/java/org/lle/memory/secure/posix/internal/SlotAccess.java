package org.lle.memory.secure.posix.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.lle.memory.internal.access.AccessChecks;
import org.lle.memory.secure.SecureBuffer;

/**
 * The open access of one {@link ArenaSlot}: while it is open the slot cannot be returned (its ACCESS bit holds it,
 * as a single access's count does), so a call here needs no synchronization, only the checks that keep it
 * safe: the calling thread against the final {@link #owner} (a view handed to another thread never touches
 * memory), this view's own close (a plain field, written and read only by the owner), and the index.
 *
 * <p>Like {@link ArenaSlot} it holds no reference to its {@link ArenaBuffer}: a buffer dropped unclosed while a view
 * is open is still found by the leak guard (wiped, and returned when the view closes).
 */
final class SlotAccess implements SecureBuffer.Access {
    final Thread owner = Thread.currentThread();
    private final ArenaSlot slot;
    private final ByteBuffer view;
    private final int base;
    /** the native address of the buffer's first byte */
    private final long address;
    private final int size;
    private boolean closed;

    SlotAccess(ArenaSlot slot, ByteBuffer view, int base, int size) {
        this.slot = slot;
        this.view = view;
        this.base = base;
        this.address = slot.address();
        this.size = size;
    }

    @Override
    public int size() {
        check();
        return size;
    }

    @Override
    public byte get(int index) {
        check();
        Objects.checkIndex(index, size);
        return RawBytes.AVAILABLE ? RawBytes.get(address + index) : view.get(base + index);
    }

    @Override
    public void put(int index, byte value) {
        check();
        Objects.checkIndex(index, size);
        if (RawBytes.AVAILABLE) {
            RawBytes.put(address + index, value);
        } else {
            view.put(base + index, value);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        check();
        AccessChecks.checkTransfer(index, length, size, dst, offset, "dst");
        view.get(base + index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        check();
        AccessChecks.checkTransfer(index, length, size, src, offset, "src");
        view.put(base + index, src, offset, length);
    }

    @Override
    public void copy(int from, int to, int length) {
        check();
        ViewBytes.copy(view, base, size, from, to, length);
    }

    @Override
    public void fill(int index, int length, byte value) {
        check();
        ViewBytes.fill(view, base, size, index, length, value);
    }

    @Override
    public boolean rangeEquals(int index, byte[] other, int offset, int length) {
        check();
        return ViewBytes.rangeEquals(view, base, size, index, other, offset, length);
    }

    /** Closes this view; idempotent. A buffer close that gave up waiting for it is finished here. */
    @Override
    public void close() {
        checkOwner();
        if (!closed) {
            closed = true;
            slot.accessClosed();
        }
    }

    private void check() {
        checkOwner();
        if (closed) {
            throw AccessChecks.closedSecureAccess(size);
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw AccessChecks.foreignSecureAccess(owner);
        }
    }
}
