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
 * <p>An {@link #access() Access} registers once, when it opens, with the {@code ACCESS} bit in {@code state} (one
 * compare-and-set, which a close's atomic update of the same field is ordered with), and deregisters when it
 * closes; {@link #close()} waits for the bit like for any access in flight, so the access's own calls need no
 * synchronization. A close on the access's own thread closes the access first, since waiting for it there would
 * wait for ever.
 *
 * <p>Only bytes that may have been written are wiped at close, so a block never written costs no wipe:
 * <ul>
 * <li>the allocating thread's checked writes raise a high-water mark with a plain compare and store (only that
 * thread writes it, so no update is lost and the access path needs no atomic);</li>
 * <li>a checked write by any other thread, or through an {@link BlockAccess}, only sets a flag that makes close
 * wipe the whole size: several threads raising one mark would need an atomic max on every write, and an access
 * raising it would pay a compare on every write of its loops;</li>
 * <li>handing out a {@link #asByteBuffer() view} marks the slot for good ({@link Slot#viewHandedOut}): a view kept
 * past close (a caller bug) can still write, so every later close of that slot wipes its whole capacity, and
 * a stale write made before a well-behaved owner's close never reaches the owners after it. Reachability of
 * the view cannot end this: a slice or duplicate of it references the slab, not the view.</li>
 * </ul>
 *
 * <p>The wait of {@link #close()} for accesses in flight is bounded: a mark that a Throwable left set (for
 * example a StackOverflowError between registering and the access's {@code finally}) or a thread stuck inside
 * an access must not hang close. Past the bound the block is closed, its slot wiped and retired (never handed to
 * another owner), and close throws {@link IllegalStateException} saying so. An access or an {@link BlockAccess}
 * that leaves later sees the {@code RETIRED} bit and wipes the slot again, so nothing it wrote lingers.
 */
final class PooledBlock implements PoolBlock {
    private static final int CLOSED = 0x4000_0000;
    /** An {@link BlockAccess} is open. */
    private static final int ACCESS = 0x2000_0000;
    /** Close gave up waiting and retired the slot: whoever leaves last wipes it again. */
    private static final int RETIRED = 0x1000_0000;
    /** The count of other threads' accesses in flight. */
    private static final int FOREIGN_ACCESSES = RETIRED - 1;
    /**
     * For the race stress test's control only: when set, accesses and accessors do not register and close does not
     * wait for them, so a racing access can reach a later owner's memory (the test shows it then does). Never set
     * outside that test.
     */
    static boolean unguardedForTest;
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
    /** Set (never cleared) when another thread or an access wrote; published like {@link #dirtyEnd}. */
    private boolean foreignWrite;
    /**
     * The open access, if any: read by close to find one opened on its own thread, which always sees its own
     * writes; any other thread may see a stale value, never one whose owner is itself. Plain: a volatile store
     * would add a full fence to every open and close of an access.
     */
    private BlockAccess openAccess;

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
    public void copy(int from, int to, int length) {
        Objects.checkFromIndexSize(from, length, size);
        Objects.checkFromIndexSize(to, length, size);
        boolean owner = enter();
        try {
            SlabBytes.copy(slot.slab, slot.offset + from, slot.offset + to, length);
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
            SlabBytes.fill(slot.slab, slot.offset + index, length, value);
            wrote(owner, index + length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public int mismatch(int index, byte[] other, int offset, int length) {
        Objects.requireNonNull(other, "other");
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, other.length);
        boolean owner = enter();
        try {
            return SlabBytes.mismatch(slot.slab, slot.offset + index, other, offset, length);
        } finally {
            exit(owner);
        }
    }

    @Override
    public Access access() {
        if (!unguardedForTest) {
            for (int s = (int) STATE.getVolatile(this);; s = (int) STATE.getVolatile(this)) {
                if ((s & CLOSED) != 0) {
                    throw closedError();
                }
                if ((s & ACCESS) != 0) {
                    BlockAccess open = openAccess;
                    throw new IllegalStateException("an access to this " + type + " block of " + size
                            + " bytes is already open" + (open == null ? "" : " on thread " + open.owner().getName())
                            + "; close it before opening another (accesses do not nest)");
                }
                if (STATE.compareAndSet(this, s, s | ACCESS)) {
                    break;
                }
            }
        } else if (isClosed()) {
            throw closedError();
        }
        if (system.isClosed()) {
            leaveAccess(false);
            throw systemClosedError();
        }
        BlockAccess access = new BlockAccess(this, Thread.currentThread(), slot.slab, slot.offset, size);
        openAccess = access;
        return access;
    }

    /** Called once by {@link BlockAccess#close()} on its own thread. */
    void accessClosed(BlockAccess access, boolean wrote) {
        if (wrote) {
            foreignWrite = true; // published to close by the release below
        }
        if (openAccess == access) {
            openAccess = null;
        }
        if (!unguardedForTest) {
            leaveAccess(true);
        }
    }

    /** Clears the {@code ACCESS} bit; when close retired the slot meanwhile, wipes what the access wrote since. */
    private void leaveAccess(boolean mayHaveWritten) {
        int before = (int) STATE.getAndAdd(this, -ACCESS);
        if ((before & RETIRED) != 0 && mayHaveWritten) {
            Zeroes.wipe(slot.slab, slot.offset, slot.pool.blockSize);
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
        BlockAccess access = openAccess;
        if (access != null && access.owner() == Thread.currentThread()) {
            access.close(); // waiting for an access of this very thread would never end
        }
        if (!STATE.compareAndSet(this, 0, CLOSED)) { // fast path: open, no other thread inside an access
            int before = (int) STATE.getAndBitwiseOr(this, CLOSED);
            if ((before & CLOSED) != 0) {
                return; // already closed, by this or another thread
            }
        }
        if (!unguardedForTest && !awaitAccessesLeft(system.closeWaitLimitNanos()) && markRetired()) {
            system.retire(this);
            throw new IllegalStateException("closing this " + type + " block of " + size + " bytes gave up after "
                    + system.closeWaitLimitNanos() / 1_000_000 + " ms waiting for an access in flight (an Access"
                    + " left open, a thread stuck inside a call, or a call that failed without leaving); the block is"
                    + " closed and its memory wiped and retired, never handed to another owner");
        }
        system.release(this);
    }

    /**
     * Sets {@code RETIRED} unless the last access left just now; from then on the last one to leave wipes again.
     *
     * @return whether the slot must be retired
     */
    private boolean markRetired() {
        for (int s = (int) STATE.getVolatile(this);; s = (int) STATE.getVolatile(this)) {
            if ((s & ~CLOSED) == 0 && (int) OWNER_BUSY.getVolatile(this) == 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | RETIRED)) {
                return true;
            }
        }
    }

    /** An access started before the close is finishing a bounded copy: spin briefly, then yield and park. */
    private boolean awaitAccessesLeft(long limitNanos) {
        long start = 0;
        for (int spins = 0; ((int) STATE.getVolatile(this) & (ACCESS | FOREIGN_ACCESSES)) != 0
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
        if (unguardedForTest) {
            closed = isClosed();
        } else if (owner) {
            OWNER_BUSY.setVolatile(this, 1);
            closed = ((int) STATE.getVolatile(this) & CLOSED) != 0;
        } else {
            closed = ((int) STATE.getAndAdd(this, 1) & CLOSED) != 0;
        }
        if (closed) {
            exit(owner);
            throw closedError();
        }
        if (system.isClosed()) {
            exit(owner);
            throw systemClosedError();
        }
        return owner;
    }

    void exit(boolean owner) {
        if (unguardedForTest) {
            return;
        }
        if (owner) {
            OWNER_BUSY.setRelease(this, 0);
        } else if (((int) STATE.getAndAdd(this, -1) & RETIRED) != 0) {
            Zeroes.wipe(slot.slab, slot.offset, slot.pool.blockSize); // close gave up on us and retired the slot
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("this " + type + " block of " + size + " bytes is closed");
    }

    private IllegalStateException systemClosedError() {
        return new IllegalStateException("the pool system is closed: this " + type + " block of " + size
                + " bytes was invalidated with it");
    }

    @Override
    public String toString() {
        return type + " block of " + size + " bytes in the " + capacity() + "-byte class"
                + (isClosed() ? " (closed)" : "");
    }
}
