package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.lle.memory.internal.access.AccessChecks;
import org.lle.memory.pool.PoolBlock;

/**
 * The {@link PoolBlock.Access} of a {@link PooledBlock}: registered with the block once, when it opens, so a call
 * checks only what plain fields can answer, and keeps no state of its own.
 *
 * <ul>
 * <li>The owner thread is a final field compared with the current thread, so a view handed to another thread can
 * never reach memory, however stale its fields look there; the comparison is loop-invariant, so the JIT checks
 * it once per loop.</li>
 * <li>It is open while the block's {@link PooledBlock#accessSeq} still holds the number it got at open. Only the
 * thread of the open access changes that number (a close from any other thread throws first), so a plain read is
 * exact on the only thread that may act on it.</li>
 * <li>The block's life needs no check per call: while the view is registered the block's close from another
 * thread waits for it, and a close on this thread closes the view first.</li>
 * </ul>
 */
final class BlockAccess implements PoolBlock.Access {
    private final PooledBlock block;
    private final Thread owner;
    private final long seq;
    private final ByteBuffer slab;
    private final int base;
    private final int size;

    BlockAccess(PooledBlock block, Thread owner, long seq, ByteBuffer slab, int base, int size) {
        this.block = block;
        this.owner = owner;
        this.seq = seq;
        this.slab = slab;
        this.base = base;
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
        return slab.get(base + Objects.checkIndex(index, size));
    }

    @Override
    public void put(int index, byte value) {
        check();
        slab.put(base + Objects.checkIndex(index, size), value);
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        check();
        AccessChecks.checkTransfer(index, length, size, dst, offset, "dst");
        slab.get(base + index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        check();
        AccessChecks.checkTransfer(index, length, size, src, offset, "src");
        slab.put(base + index, src, offset, length);
    }

    @Override
    public void copy(int from, int to, int length) {
        check();
        Objects.checkFromIndexSize(from, length, size);
        Objects.checkFromIndexSize(to, length, size);
        SlabBytes.copy(slab, base + from, base + to, length);
    }

    @Override
    public void fill(int index, int length, byte value) {
        check();
        Objects.checkFromIndexSize(index, length, size);
        SlabBytes.fill(slab, base + index, length, value);
    }

    @Override
    public int mismatch(int index, byte[] other, int offset, int length) {
        check();
        AccessChecks.checkTransfer(index, length, size, other, offset, "other");
        return SlabBytes.mismatch(slab, base + index, other, offset, length);
    }

    @Override
    public void close() {
        checkThread();
        if (block.accessSeq == seq) {
            block.closeAccess();
        }
    }

    private void check() {
        checkThread();
        if (block.accessSeq != seq) {
            throw closedError();
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw wrongThread();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("this access to a " + block.type() + " block of " + size + " bytes is closed");
    }

    private IllegalStateException wrongThread() {
        return new IllegalStateException("this access to a " + block.type() + " block of " + size
                + " bytes belongs to thread " + owner.getName() + ", not to " + Thread.currentThread().getName()
                + ": open one per thread");
    }

    @Override
    public String toString() {
        return "access by " + owner.getName() + " to a " + block;
    }
}
