package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.lle.memory.internal.access.AccessChecks;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolType;

/**
 * The handle of one allocation: a fresh small object per owner over a reused slot (its {@link Slab} and the
 * offset in it), so a stale handle can never reach the slot's next owner. Every checked call and every
 * {@link #access() Access} registers with the {@link AccessGuard} this class extends, so a close racing them
 * never hands their memory on.
 *
 * <p>Only bytes that may have been written are wiped at close, so a block never written costs no wipe:
 * <ul>
 * <li>the allocating thread's checked writes raise a high-water mark with a plain compare and store (only that
 * thread writes it, so no update is lost and the access path needs no atomic);</li>
 * <li>a checked write by any other thread only sets a bit in the guard's state word (an atomic the first time
 * only) that makes close wipe the whole size: several threads
 * raising one mark would need an atomic max on every write;</li>
 * <li>opening a {@link BlockAccess} sets that flag too: a mark or a flag per write would cost a compare or a store
 * in every loop over the access, and the whole size is wiped once, at close;</li>
 * <li>handing out a {@link #asByteBuffer() view} marks the slot for good ({@link Slab#markViewHandedOut}): a view
 * kept past close (a caller bug) can still write, so every later close of that slot wipes its whole capacity, and
 * a stale write made before a well-behaved owner's close never reaches the owners after it. Reachability of
 * the view cannot end this: a slice or duplicate of it references the slab, not the view.</li>
 * </ul>
 *
 * <p>A close on the thread of an open access closes the access first: waiting for it there would never end. The
 * allocating thread's close of a block nothing else touched (no access open, no other thread's call in flight, no
 * leak record) waits for nothing at all: its own calls cannot be in flight while it is in close.
 */
final class PooledBlock extends AccessGuard implements PoolBlock {
    final Slab slab;
    /**
     * The offset where the slot starts in {@link #slab}; it is {@code slab.pool.blockSize} bytes long. Named like
     * {@link BlockAccess}'s, not {@code offset}, so it never reads as the array offset the transfer calls take. A
     * {@code char}: no slot starts past {@link SlotPool#MAX_OFFSET}, and it fits a gap of the handle's layout
     * beside {@link #typeIndex}.
     */
    final char base;
    /**
     * The type's ordinal, not the enum reference, and no reference to the system (the allocating thread's cache
     * has it): a handle lives on the heap as long as its block, so each field is paid per live block.
     */
    private final byte typeIndex;
    final int size;
    final ThreadCache allocator;
    /**
     * End of the bytes the allocating thread may have written. Written only by that thread inside an access,
     * read by {@link #close()} after every access left (the release in exit publishes it).
     */
    private int dirtyEnd;
    /**
     * The thread of the open access, if any: read by close to find one opened on its own thread, which always sees
     * its own writes; any other thread may see a stale value, never itself. Plain, like {@link #accessSeq}: they are
     * written only by the thread whose access is registered, and the registration orders one holder after the next.
     */
    private Thread accessThread;
    /**
     * Counts the accesses opened and closed: an access is open while this still holds the number it got at open.
     * Kept here, not in the access, so the block keeps no reference to the access object and the JIT can scalar
     * replace an access used within one method.
     */
    long accessSeq;

    PooledBlock(Slab slab, char base, PoolType type, int size, ThreadCache allocator) {
        this.slab = slab;
        this.base = base;
        this.typeIndex = (byte) type.ordinal();
        this.size = size;
        this.allocator = allocator;
    }

    @Override
    public PoolType type() {
        return Generation.TYPES[typeIndex];
    }

    int typeIndex() {
        return typeIndex;
    }

    private DefaultMemoryPoolSystem system() {
        return allocator.system;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return slab.pool.blockSize;
    }

    @Override
    public byte get(int index) {
        Objects.checkIndex(index, size);
        boolean owner = enter();
        try {
            return slab.memory.get(base + index);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void put(int index, byte value) {
        Objects.checkIndex(index, size);
        boolean owner = enter();
        try {
            slab.memory.put(base + index, value);
            wrote(owner, index + 1);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        AccessChecks.checkTransfer(index, length, size, dst, offset, "dst");
        boolean owner = enter();
        try {
            slab.memory.get(base + index, dst, offset, length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        AccessChecks.checkTransfer(index, length, size, src, offset, "src");
        boolean owner = enter();
        try {
            slab.memory.put(base + index, src, offset, length);
            wrote(owner, index + length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void copy(int from, int to, int length) {
        Objects.checkFromIndexSize(from, length, size);
        Objects.checkFromIndexSize(to, length, size);
        boolean owner = enter();
        try {
            SlabBytes.copy(slab.memory, base + from, base + to, length);
            wrote(owner, to + length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void fill(int index, int length, byte value) {
        Objects.checkFromIndexSize(index, length, size);
        boolean owner = enter();
        try {
            SlabBytes.fill(slab.memory, base + index, length, value);
            wrote(owner, index + length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public int mismatch(int index, byte[] other, int offset, int length) {
        AccessChecks.checkTransfer(index, length, size, other, offset, "other");
        boolean owner = enter();
        try {
            return SlabBytes.mismatch(slab.memory, base + index, other, offset, length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public Access access() {
        if (!registerAccess()) {
            if (closedBit()) {
                throw closedError();
            }
            Thread open = accessThread;
            throw new IllegalStateException("an access to this " + type() + " block of " + size + " bytes is already open"
                    + (open == null ? "" : " on thread " + open.getName())
                    + "; close it before opening another (accesses do not nest)");
        }
        if (system().isClosed()) {
            leaveAccess(false);
            throw systemClosedError();
        }
        Thread me = Thread.currentThread();
        accessThread = me;
        return new BlockAccess(this, me, ++accessSeq, slab.memory, base, size);
    }

    /** Closes the open access: called on its own thread, by {@link BlockAccess#close()} or {@link #close()}. */
    void closeAccess() {
        accessSeq++;
        accessThread = null;
        leaveAccess(true);
    }

    @Override
    void wipeRetired() {
        Wipe.range(slab.memory, base, slab.pool.blockSize);
    }

    @Override
    public ByteBuffer asByteBuffer() {
        boolean owner = enter();
        try {
            slab.markViewHandedOut(base); // the caller may write anywhere through the view, even after close
            return slab.memory.slice(base, size);
        } finally {
            exit(owner);
        }
    }

    @Override
    public boolean isClosed() {
        return closedBit() || system().isClosed();
    }

    @Override
    public void close() {
        if (Thread.currentThread() == allocator.owner && markClosedIfIdle()) {
            system().releaseIdle(this);
        } else {
            closeOtherwise();
        }
    }

    /** Any close but the allocating thread's of an idle block: it may have to close an access or wait for one. */
    private void closeOtherwise() {
        if (accessThread == Thread.currentThread()) {
            closeAccess(); // waiting for an access of this very thread would never end
        }
        if (!markClosed()) {
            return; // already closed, by this or another thread
        }
        if (!awaitAccessesLeft(system().closeWaitLimitNanos())) {
            system().retire(this);
            throw new IllegalStateException("closing this " + type() + " block of " + size + " bytes gave up after "
                    + system().closeWaitLimitNanos() / 1_000_000 + " ms waiting for an access in flight (an Access"
                    + " left open, a thread stuck inside a call, or a call that failed without leaving); the block is"
                    + " closed and its memory wiped and retired, never handed to another owner");
        }
        system().release(this);
    }

    /** The allocating thread keeps an exact mark; a write by another thread makes close wipe the whole size. */
    private void wrote(boolean owner, int end) {
        if (!owner) {
            markWideWipe();
        } else if (end > dirtyEnd) {
            dirtyEnd = end;
        }
    }

    /** @return how many leading bytes must be wiped; valid once {@link #close()} waited for accesses */
    int dirtyEnd() {
        int own = ownDirtyEnd(); // the capacity when a view was handed out, which covers the size too
        return wideWipe() ? Math.max(size, own) : own;
    }

    /** @return {@link #dirtyEnd()} of a block that no other thread wrote and no access opened */
    int ownDirtyEnd() {
        return slab.viewHandedOut(base) ? slab.pool.blockSize : dirtyEnd;
    }

    /** @return the index of the pool within its size class (selection tests) */
    int poolIndex() {
        return slab.pool.poolIndex;
    }

    /** @return whether the access was registered as the allocating thread's (pass it to {@link #exit}) */
    boolean enter() {
        boolean owner = Thread.currentThread() == allocator.owner;
        if (!registerCall(owner)) {
            throw closedError();
        }
        if (system().isClosed()) {
            exit(owner);
            throw systemClosedError();
        }
        return owner;
    }

    void exit(boolean owner) {
        leaveCall(owner);
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("this " + type() + " block of " + size + " bytes is closed");
    }

    private IllegalStateException systemClosedError() {
        return new IllegalStateException("the pool system is closed: this " + type() + " block of " + size
                + " bytes was invalidated with it");
    }

    @Override
    public String toString() {
        return type() + " block of " + size + " bytes in the " + capacity() + "-byte class"
                + (isClosed() ? " (closed)" : "");
    }
}
