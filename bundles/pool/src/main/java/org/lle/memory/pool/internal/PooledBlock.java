package org.lle.memory.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolType;

/**
 * The handle of one allocation: a fresh small object per owner over a reused {@link Slot}, so a stale
 * handle can never reach the slot's next owner.
 *
 * <p>Every checked access registers itself: the allocating thread (the usual user) in {@code ownerBusy}
 * with one volatile store, any other thread in the low bits of {@code state} with an atomic add.
 * {@link #close()} sets the closed bit in {@code state}, then waits for every registered access to leave
 * before the slot is wiped and reused (a Dekker pair: the access stores its mark then reads the closed bit,
 * the close sets the bit then reads the marks, so at least one of them sees the other). So even a close racing an access from another thread never lets the access read or write the
 * memory of the next owner: it either finishes on this owner's memory or throws.
 *
 * <p>Only bytes that may have been written are wiped at close, so a block never written costs no wipe:
 * <ul>
 * <li>the allocating thread's checked writes raise a high-water mark with a plain compare and store (only that
 * thread writes it, so no update is lost and the access path needs no atomic);</li>
 * <li>a checked write by any other thread only sets a flag that makes close wipe the whole size: several
 * threads raising one mark would need an atomic max on every write;</li>
 * <li>handing out a {@link #asByteBuffer() view} marks the slot for good ({@link Slot#viewHandedOut}): a view kept
 * past close (a caller bug) can still write, so every later close of that slot wipes its whole capacity, and
 * a stale write made before a well-behaved owner's close never reaches the owners after it. Reachability of
 * the view cannot end this: a slice or duplicate of it references the slab, not the view.</li>
 * </ul>
 *
 * <p>The wait of {@link #close()} for accesses in flight is bounded: a mark that a Throwable left set (for
 * example a StackOverflowError between registering and the access's {@code finally}) or a thread stuck inside
 * an access must not hang close. Past the bound the block is closed, its slot wiped and retired (never handed to
 * another owner), and close throws {@link IllegalStateException} saying so.
 */
final class PooledBlock implements PoolBlock {
    private static final int CLOSED = 0x4000_0000;
    private static final VarHandle STATE;
    private static final VarHandle OWNER_BUSY;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PooledBlock.class, "state", int.class);
            OWNER_BUSY = MethodHandles.lookup().findVarHandle(PooledBlock.class, "ownerBusy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final DefaultMemoryPoolSystem system;
    final Slot slot;
    final PoolType type;
    final int size;
    final ThreadCache allocator;
    /** Set before the block is handed out when leak detection tracks it. */
    LeakTracker.Record leak;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /** 1 while the allocating thread is inside an access. */
    @SuppressWarnings("unused") // through OWNER_BUSY
    private volatile int ownerBusy;
    /**
     * End of the bytes the allocating thread may have written. Written only by that thread inside an access,
     * read by {@link #close()} after every access left (the release in exit publishes it).
     */
    private int dirtyEnd;
    /** Set (never cleared) when another thread wrote; published like {@link #dirtyEnd}. */
    private boolean foreignWrite;

    PooledBlock(DefaultMemoryPoolSystem system, Slot slot, PoolType type, int size, ThreadCache allocator) {
        this.system = system;
        this.slot = slot;
        this.type = type;
        this.size = size;
        this.allocator = allocator;
    }

    @Override
    public PoolType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return slot.pool.blockSize;
    }

    @Override
    public byte get(int index) {
        Objects.checkIndex(index, size);
        boolean owner = enter();
        try {
            return slot.slab.get(slot.offset + index);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void put(int index, byte value) {
        Objects.checkIndex(index, size);
        boolean owner = enter();
        try {
            slot.slab.put(slot.offset + index, value);
            wrote(owner, index + 1);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, dst.length);
        boolean owner = enter();
        try {
            slot.slab.get(slot.offset + index, dst, offset, length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, src.length);
        boolean owner = enter();
        try {
            slot.slab.put(slot.offset + index, src, offset, length);
            wrote(owner, index + length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public ByteBuffer asByteBuffer() {
        boolean owner = enter();
        try {
            slot.viewHandedOut = true; // the caller may write anywhere through the view, even after close
            return slot.slab.slice(slot.offset, size);
        } finally {
            exit(owner);
        }
    }

    @Override
    public boolean isClosed() {
        return ((int) STATE.getVolatile(this) & CLOSED) != 0 || system.isClosed();
    }

    @Override
    public void close() {
        if (!STATE.compareAndSet(this, 0, CLOSED)) { // fast path: open, no other thread inside an access
            int before = (int) STATE.getAndBitwiseOr(this, CLOSED);
            if ((before & CLOSED) != 0) {
                return; // already closed, by this or another thread
            }
        }
        if (!awaitAccessesLeft(system.closeWaitLimitNanos())) {
            system.retire(this);
            throw new IllegalStateException("closing this " + type + " block of " + size + " bytes gave up after "
                    + system.closeWaitLimitNanos() / 1_000_000 + " ms waiting for an access in flight (a thread"
                    + " stuck inside get/put/read/write, or an access that failed without leaving); the block is"
                    + " closed and its memory wiped and retired, never handed to another owner");
        }
        system.release(this);
    }

    /** An access started before the close is finishing a bounded copy: spin briefly, then yield and park. */
    private boolean awaitAccessesLeft(long limitNanos) {
        long start = 0;
        for (int spins = 0; ((int) STATE.getVolatile(this) & ~CLOSED) != 0
                || (int) OWNER_BUSY.getVolatile(this) != 0; spins++) {
            if (spins < 1024) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (start == 0) {
                start = now;
            } else if (now - start > limitNanos) {
                return false;
            }
            if (spins < 2048) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(100_000);
            }
        }
        return true;
    }

    /** The allocating thread keeps an exact mark; a write by another thread makes close wipe the whole size. */
    private void wrote(boolean owner, int end) {
        if (!owner) {
            foreignWrite = true;
        } else if (end > dirtyEnd) {
            dirtyEnd = end;
        }
    }

    /** @return how many leading bytes must be wiped; valid once {@link #close()} waited for accesses */
    int dirtyEnd() {
        return slot.viewHandedOut ? slot.pool.blockSize : foreignWrite ? size : dirtyEnd;
    }

    /** @return the index of the pool within its size class (selection tests) */
    int poolIndex() {
        return slot.pool.poolIndex;
    }

    /** @return whether the access was registered as the allocating thread's (pass it to {@link #exit}) */
    boolean enter() {
        boolean owner = Thread.currentThread() == allocator.owner;
        boolean closed;
        if (owner) {
            OWNER_BUSY.setVolatile(this, 1);
            closed = ((int) STATE.getVolatile(this) & CLOSED) != 0;
        } else {
            closed = ((int) STATE.getAndAdd(this, 1) & CLOSED) != 0;
        }
        if (closed) {
            exit(owner);
            throw new IllegalStateException("this " + type + " block of " + size + " bytes is closed");
        }
        if (system.isClosed()) {
            exit(owner);
            throw new IllegalStateException("the pool system is closed: this " + type + " block of " + size
                    + " bytes was invalidated with it");
        }
        return owner;
    }

    void exit(boolean owner) {
        if (owner) {
            OWNER_BUSY.setRelease(this, 0);
        } else {
            STATE.getAndAdd(this, -1);
        }
    }

    @Override
    public String toString() {
        return type + " block of " + size + " bytes in the " + capacity() + "-byte class"
                + (isClosed() ? " (closed)" : "");
    }
}
