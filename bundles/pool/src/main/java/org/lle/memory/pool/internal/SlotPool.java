package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pool of fixed-size slots, grown on demand slab by slab with no limit of its own (the budgets, checked
 * before a pool is asked, are the limit), and shrunk by letting go of slabs that stayed empty. Touched only
 * when a thread cache misses or overflows, and then for a batch of slots at a time.
 *
 * <p>The lock is a {@link ReentrantLock}, not a monitor, and it is never held while waiting: a new slab is
 * allocated outside it (direct memory allocation may stall while the JVM collects), so a virtual thread that
 * blocks on it unmounts from its carrier.
 */
final class SlotPool {
    /** A slab of small blocks is about this big: one allocation per many blocks, and not much held spare. */
    static final int SLAB_TARGET_BYTES = 64 * 1024;
    static final int MAX_SLOTS_PER_SLAB = 1024;
    /**
     * The highest offset a slot can start at: offsets are kept as {@code char}s. A slab of blocks up to
     * {@link #SLAB_TARGET_BYTES} holds at most that many bytes, so its last slot starts one block before that or
     * lower; a larger block gets a slab of its own, at offset 0. The constructor checks it.
     */
    static final int MAX_OFFSET = Character.MAX_VALUE;
    /** Tries for the lock this many times before parking: it is held for one batch, far shorter than a park and wake. */
    private static final int LOCK_SPINS = 256;

    final int blockSize;
    /** Blocks this pool holds before the selection prefers the class's other pools (not a cap). */
    final int softLimit;
    final int typeIndex;
    final int classIndex;
    final int poolIndex;
    /** The pools of the type this pool belongs to; {@code null} for emergency-reserve pools. */
    final TypePools owner;
    private final SlabAccount account;
    private final int slotsPerSlab;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayList<Slab> slabs = new ArrayList<>();
    /** The free list: slot {@code i} is at {@code freeOffsets[i]} in {@code freeSlabs[i]}. */
    private Slab[] freeSlabs = new Slab[16];
    private char[] freeOffsets = new char[16];
    private int freeCount;
    private int emptySlabs;
    /** Retired with its generation: slots coming back are dropped, never handed out again. */
    private boolean retired;
    /** Slots handed out (open or in a thread cache). */
    private volatile int outstanding;
    /** Whether the last attempt to grow failed because direct memory ran out. */
    private volatile boolean outOfDirectMemory;

    SlotPool(int blockSize, int softLimit, long budgetBytes, int typeIndex, int classIndex, int poolIndex,
            TypePools owner, SlabAccount account) {
        this.blockSize = blockSize;
        this.softLimit = softLimit;
        this.typeIndex = typeIndex;
        this.classIndex = classIndex;
        this.poolIndex = poolIndex;
        this.owner = owner;
        this.account = account;
        long slots = Math.min(MAX_SLOTS_PER_SLAB, Math.max(1, SLAB_TARGET_BYTES / blockSize));
        // a small budget gets small slabs: the pool never carves far more than the type may hold
        this.slotsPerSlab = (int) Math.max(1, Math.min(slots, budgetBytes / blockSize));
        if ((long) (slotsPerSlab - 1) * blockSize > MAX_OFFSET) {
            throw new IllegalStateException(slotsPerSlab + " slots of " + blockSize + " bytes per slab: the last"
                    + " would start past offset " + MAX_OFFSET);
        }
    }

    boolean isEmergency() {
        return owner == null;
    }

    int outstanding() {
        return outstanding;
    }

    boolean outOfDirectMemory() {
        return outOfDirectMemory;
    }

    /** @return whether this pool is below its soft limit */
    boolean hasRoom() {
        return outstanding < softLimit;
    }

    /**
     * Hands out up to {@code n} zero-filled slots into {@code intoSlabs[at..]} and {@code intoOffsets[at..]},
     * growing as needed.
     *
     * @return how many were handed out: fewer than {@code n} only when direct memory ran out
     */
    int take(Slab[] intoSlabs, char[] intoOffsets, int at, int n) {
        int got = takeFree(intoSlabs, intoOffsets, at, n);
        while (got < n) {
            Slab carved = newSlab();
            if (carved == null) {
                break;
            }
            got += addAndTake(carved, intoSlabs, intoOffsets, at + got, n - got);
        }
        return got;
    }

    /**
     * A hint read without the lock: {@code false} means this pool had no free slot a moment ago, so a caller
     * looking for free slots can skip its lock.
     */
    boolean mayHaveFree() {
        return freeCount > 0;
    }

    /**
     * Hands out up to {@code n} free slots into {@code intoSlabs[at..]} and {@code intoOffsets[at..]}, never growing.
     *
     * @return how many
     */
    int takeFree(Slab[] intoSlabs, char[] intoOffsets, int at, int n) {
        acquire();
        try {
            return popLocked(intoSlabs, intoOffsets, at, n);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the slots of a new slab to the free list, the lowest offset last (the top of the free list: handed
     * out first), then takes from it.
     */
    private int addAndTake(Slab carved, Slab[] intoSlabs, char[] intoOffsets, int at, int n) {
        acquire();
        try {
            slabs.add(carved);
            emptySlabs++;
            ensureFreeRoom(carved.slots);
            for (int i = carved.slots - 1; i >= 0; i--) {
                freeSlabs[freeCount] = carved;
                freeOffsets[freeCount++] = (char) (i * blockSize);
            }
            return popLocked(intoSlabs, intoOffsets, at, n);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Spins a while before it parks: another thread holds the lock for one batch of slots, and parking then being
     * woken costs more than that batch. Never spins while holding anything, so a virtual thread still unmounts.
     */
    private void acquire() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (!lock.isLocked() && lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    private int popLocked(Slab[] intoSlabs, char[] intoOffsets, int at, int n) {
        int k = Math.min(n, freeCount);
        for (int i = 0; i < k; i++) {
            Slab slab = freeSlabs[--freeCount];
            freeSlabs[freeCount] = null;
            if (slab.inUse++ == 0) {
                emptySlabs--;
            }
            int to = at + k - 1 - i; // the lowest offset last: a thread cache hands it out first
            intoSlabs[to] = slab;
            intoOffsets[to] = freeOffsets[freeCount];
        }
        outstanding = outstanding + k;
        return k;
    }

    /**
     * Outside the lock: allocating direct memory may wait for the JVM to collect.
     *
     * @return the new slab, or {@code null} when direct memory ran out
     */
    private Slab newSlab() {
        ByteBuffer memory;
        try {
            memory = ByteBuffer.allocateDirect(slotsPerSlab * blockSize);
        } catch (OutOfMemoryError directMemoryExhausted) {
            // -XX:MaxDirectMemorySize reached: this is memory pressure, reported as a refusal, not a crash
            outOfDirectMemory = true;
            return null;
        }
        outOfDirectMemory = false;
        account.added(typeIndex, memory.capacity());
        return new Slab(this, memory, slotsPerSlab);
    }

    /**
     * Takes back the slots at {@code [at..at+n)} of the two arrays, all of this pool; those of a retired pool are
     * dropped.
     */
    void give(Slab[] fromSlabs, char[] fromOffsets, int at, int n) {
        acquire();
        try {
            if (!retired) {
                ensureFreeRoom(n);
            }
            // the clock is read only when a slab empties: most batches empty none, and a clock read is not free
            long now = 0;
            boolean clockRead = false;
            for (int i = at; i < at + n; i++) {
                Slab home = fromSlabs[i];
                if (!retired) {
                    freeSlabs[freeCount] = home;
                    freeOffsets[freeCount++] = fromOffsets[i];
                }
                if (--home.inUse == 0) {
                    if (!clockRead) {
                        now = account.now();
                        clockRead = true;
                    }
                    emptiedLocked(home, now);
                }
            }
            outstanding = outstanding - n;
        } finally {
            lock.unlock();
        }
    }

    void give(Slab slab, char offset) {
        give(new Slab[] {slab}, new char[] {offset}, 0, 1);
    }

    /** Forgets a slot of {@code slab} for good: it is never handed out again (close gave up waiting for an access). */
    void forget(Slab slab) {
        acquire();
        try {
            if (--slab.inUse == 0) {
                emptiedLocked(slab, account.now());
            }
            outstanding = outstanding - 1;
        } finally {
            lock.unlock();
        }
    }

    /** The last handed-out slot of {@code home} came back at {@code now}. */
    private void emptiedLocked(Slab home, long now) {
        if (retired) {
            releaseLocked(home);
        } else {
            home.emptySince = now;
            emptySlabs++;
        }
    }

    /**
     * Lets go of the slabs that stayed empty for the account's idle time, keeping the spare ones, unless
     * {@code all}: then every empty slab goes. Skipped when another thread holds the lock (it is busy, and
     * the next sweep comes soon).
     */
    void sweep(boolean all) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            int spare = all ? 0 : SlabAccount.SPARE_EMPTY_SLABS;
            if (emptySlabs <= spare) {
                return;
            }
            long now = account.now();
            long idle = account.idleNanos();
            int releasable = emptySlabs - spare;
            boolean any = false;
            for (Slab slab : slabs) {
                if (releasable == 0) {
                    break;
                }
                if (slab.inUse == 0 && (all || now - slab.emptySince >= idle)) {
                    releaseLocked(slab);
                    emptySlabs--;
                    releasable--;
                    any = true;
                }
            }
            if (any) {
                dropReleasedLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops reuse: every free slot is dropped now, every slab is let go once its last slot comes back. */
    void retire() {
        lock.lock();
        try {
            retired = true;
            for (Slab slab : slabs) {
                if (slab.inUse == 0) {
                    releaseLocked(slab);
                }
            }
            Arrays.fill(freeSlabs, 0, freeCount, null);
            freeCount = 0;
            freeSlabs = new Slab[0];
            freeOffsets = new char[0];
            emptySlabs = 0;
            slabs.removeIf(slab -> slab.released);
        } finally {
            lock.unlock();
        }
    }

    private void releaseLocked(Slab slab) {
        slab.released = true;
        account.released(typeIndex, slab.bytes());
    }

    /** Removes the slots of released slabs from the free list and the slabs from the list; shrinks the list. */
    private void dropReleasedLocked() {
        int kept = 0;
        for (int i = 0; i < freeCount; i++) {
            Slab slab = freeSlabs[i];
            if (!slab.released) {
                freeSlabs[kept] = slab;
                freeOffsets[kept++] = freeOffsets[i];
            }
        }
        Arrays.fill(freeSlabs, kept, freeCount, null);
        freeCount = kept;
        slabs.removeIf(slab -> slab.released);
        if (freeSlabs.length > 64 && freeCount < freeSlabs.length / 4) {
            resizeFree(Math.max(16, freeCount * 2));
        }
    }

    private void ensureFreeRoom(int more) {
        if (freeCount + more > freeSlabs.length) {
            resizeFree(Math.max(freeSlabs.length * 2, freeCount + more));
        }
    }

    private void resizeFree(int length) {
        freeSlabs = Arrays.copyOf(freeSlabs, length);
        freeOffsets = Arrays.copyOf(freeOffsets, length);
    }

    /** @return bytes of each slab this pool carves */
    long slabSize() {
        return (long) slotsPerSlab * blockSize;
    }

    /** @return bytes of the slabs this pool holds (tests) */
    long slabBytes() {
        lock.lock();
        try {
            long sum = 0;
            for (Slab slab : slabs) {
                sum += slab.bytes();
            }
            return sum;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "pool " + poolIndex + " of the " + blockSize + "-byte class (" + outstanding + " out, soft limit "
                + softLimit + ")";
    }
}
