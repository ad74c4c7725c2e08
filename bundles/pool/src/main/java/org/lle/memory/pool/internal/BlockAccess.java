package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.lle.memory.pool.PoolBlock;

/**
 * The {@link PoolBlock.Access} of a {@link PooledBlock}: registered with the block once, when it opens, so a call
 * checks only what plain fields can answer.
 *
 * <ul>
 * <li>The owner thread is a final field compared with the current thread, so a view handed to another thread can
 * never reach memory, however stale its fields look there; the comparison is loop-invariant, so the JIT checks
 * it once per loop.</li>
 * <li>{@link #closed} is written only by the owner thread (a close from any other thread throws first), so a plain
 * field is exact on the only thread that may act on it.</li>
 * <li>The block's life needs no check per call: while the view is registered the block's close from another
 * thread waits for it, and a close on this thread closes the view first.</li>
 * <li>Writes set a plain flag, not an exact high-water mark (a compare and store per write in every loop); the
 * block then wipes its whole size at close.</li>
 * </ul>
 */
final class BlockAccess implements PoolBlock.Access {
    private final PooledBlock block;
    private final Thread owner;
    private final ByteBuffer slab;
    private final int base;
    private final int size;
    private boolean closed;
    private boolean wrote;

    BlockAccess(PooledBlock block, Thread owner, ByteBuffer slab, int base, int size) {
        this.block = block;
        this.owner = owner;
        this.slab = slab;
        this.base = base;
        this.size = size;
    }

    Thread owner() {
        return owner;
    }

    @Override
    public int size() {
        check();
        return size;
    }

    @Override
    public byte get(int index) {
        check();
        return slab.get(base + Objects.checkIndex(index, size));
    }

    @Override
    public void put(int index, byte value) {
        check();
        slab.put(base + Objects.checkIndex(index, size), value);
        wrote = true;
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        check();
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, dst.length);
        slab.get(base + index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        check();
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, src.length);
        slab.put(base + index, src, offset, length);
        wrote = true;
    }

    @Override
    public void copy(int from, int to, int length) {
        check();
        Objects.checkFromIndexSize(from, length, size);
        Objects.checkFromIndexSize(to, length, size);
        SlabBytes.copy(slab, base + from, base + to, length);
        wrote = true;
    }

    @Override
    public void fill(int index, int length, byte value) {
        check();
        Objects.checkFromIndexSize(index, length, size);
        SlabBytes.fill(slab, base + index, length, value);
        wrote = true;
    }

    @Override
    public int mismatch(int index, byte[] other, int offset, int length) {
        check();
        Objects.requireNonNull(other, "other");
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, other.length);
        return SlabBytes.mismatch(slab, base + index, other, offset, length);
    }

    @Override
    public void close() {
        checkThread();
        if (closed) {
            return;
        }
        closed = true;
        block.accessClosed(this, wrote);
    }

    private void check() {
        checkThread();
        if (closed) {
            throw closedError();
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw wrongThread();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("this access to a " + block.type + " block of " + size + " bytes is closed");
    }

    private IllegalStateException wrongThread() {
        return new IllegalStateException("this access to a " + block.type + " block of " + size
                + " bytes belongs to thread " + owner.getName() + ", not to " + Thread.currentThread().getName()
                + ": open one per thread");
    }

    @Override
    public String toString() {
        return "access by " + owner.getName() + " to a " + block + (closed ? " (closed)" : "");
    }
}
