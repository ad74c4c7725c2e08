package org.lle.memory.pool.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolType;

/**
 * The path of a slot between the shared pools and the threads: what runs when a thread's cache misses
 * (which classes the strategy allows, in which order, within which budgets) and when it overflows, and
 * where slots go when blocks close. A cache hit never gets here.
 *
 * <p>A request is served from a larger class than its own only when its own cannot grow inside the budgets
 * (or direct memory ran out) and the strategy allows it; blocks of a class move between a thread and the
 * pools in batches, and every transfer checks whether empty slabs are due to be handed back.
 */
final class Allocator {
    private final DefaultMemoryPoolSystem system;
    private final BudgetLedger ledger;
    private final EmergencyReserve reserve;
    private final StatsRegistry stats;
    private final SlabAccount account;
    private final SlotStack.BatchReleaser releaseBatch = this::releaseToPools;
    /** For a thread's own overflow, whose budget became its credit: the slots only. */
    private final SlotStack.BatchReleaser returnBatch = this::returnToPools;
    /** Homes in turn: the first threads to allocate start in different pools of each class. */
    private final AtomicInteger nextHome = new AtomicInteger();
    private final ThreadLocal<ThreadCache> caches = new ThreadLocal<>() {
        @Override
        protected ThreadCache initialValue() {
            ThreadCache cache = new ThreadCache(system, Thread.currentThread(), nextHome.getAndIncrement());
            stats.register(cache, releaseBatch);
            return cache;
        }
    };
    /**
     * The caches last looked up, by thread id, in front of {@link #caches}: a {@code ThreadLocal} lookup (a hash
     * probe, then the weak reference of its entry) was the largest single cost of an allocation that hits the
     * thread's cache (docs/performance.md, sixth round). An entry is used only when its owner is the calling
     * thread: only that thread made it (in {@link #caches}), so it sees every field, and {@link ThreadCache#owner}
     * is final, so a racy read of another thread's entry shows the right owner and is passed over. Threads whose
     * ids share an entry take turns and fall back to {@link #caches}; an entry of a thread that ended holds its
     * emptied cache until another thread takes the entry or the system closes.
     */
    private final ThreadCache[] recent = new ThreadCache[RECENT_ENTRIES];
    /** Entries of {@link #recent}: a power of two, the thread id's low bits pick one. */
    static final int RECENT_ENTRIES = 256;
    /** When the pools are next checked for slabs that stayed empty, on the account's clock; MIN_VALUE: now. */
    private volatile long nextSweep = Long.MIN_VALUE;

    Allocator(DefaultMemoryPoolSystem system, BudgetLedger ledger, EmergencyReserve reserve, StatsRegistry stats,
            SlabAccount account) {
        this.system = system;
        this.ledger = ledger;
        this.reserve = reserve;
        this.stats = stats;
        this.account = account;
    }

    /** @return the calling thread's cache, bound to {@code g} */
    ThreadCache cache(Generation g) {
        ThreadCache cache = currentCache();
        if (cache.generation() != g) {
            cache.rebind(g, releaseBatch);
        }
        return cache;
    }

    /** @return the calling thread's cache as it is (the closing thread's, for example) */
    ThreadCache currentCache() {
        Thread me = Thread.currentThread();
        int at = (int) me.getId() & (RECENT_ENTRIES - 1);
        ThreadCache cache = recent[at];
        if (cache == null || cache.owner != me) {
            cache = caches.get();
            recent[at] = cache;
        }
        return cache;
    }

    /** Forgets the calling thread's cache, and every cache found by thread id: the system is closing. */
    void forgetCaches() {
        caches.remove();
        Arrays.fill(recent, null);
    }

    SlotStack.BatchReleaser releaser() {
        return releaseBatch;
    }

    /**
     * The slow path of an allocation whose primary class missed the thread cache (or that asked for the
     * emergency reserve).
     *
     * @return the slab of a zero-filled slot, its offset in {@link ThreadCache#takenOffset}; or {@code null} when
     *         the strategy's sources all said no (see {@link #refusal})
     */
    Slab take(ThreadCache cache, Generation g, int t, int primary, AllocationStrategy strategy) {
        int primarySize = g.types[t].classes[primary].blockSize;
        switch (strategy) {
            case EMERGENCY_ONLY:
                return fromReserve(cache, primarySize);
            case PRIMARY_ONLY:
                return fromClass(cache, g, t, primary);
            case SECONDARY_FALLBACK:
                return fromClasses(cache, g, t, primary);
            case AUTOMATIC:
            default:
                Slab slab = fromClasses(cache, g, t, primary);
                return slab != null || reserve.capacity() == 0 ? slab : fromReserve(cache, primarySize);
        }
    }

    private Slab fromReserve(ThreadCache cache, int blockSize) {
        Slab[] slab = new Slab[1];
        char[] offset = new char[1];
        if (!reserve.take(blockSize, slab, offset)) {
            return null;
        }
        cache.takenOffset = offset[0];
        return slab[0];
    }

    /** The primary class, then each larger class of the type: its cache first, then its pools. */
    private Slab fromClasses(ThreadCache cache, Generation g, int t, int primary) {
        Slab slab = fromClass(cache, g, t, primary);
        for (int c = primary + 1; slab == null && c < g.types[t].classes.length; c++) {
            slab = cache.pop(t, c);
            if (slab == null) {
                slab = fromClass(cache, g, t, c);
            }
        }
        return slab;
    }

    /** A batch of one class from its pools into the thread cache, as many as the budgets allow; one of them. */
    private Slab fromClass(ThreadCache cache, Generation g, int t, int c) {
        PoolSizeClass sizeClass = g.types[t].classes[c];
        SlotStack stack = cache.stack(t, c);
        int wanted = stack == null ? 1 : stack.nextRefill();
        int granted = reserve(cache, t, sizeClass.blockSize, wanted);
        if (granted == 0) {
            // free blocks in caches count as held: give back this thread's and those of threads that ended
            // (nobody else would until a new thread or a stats call comes), and every thread's unused credit,
            // then ask once more, for one block and no credit
            cache.drain(releaseBatch);
            stats.reclaimEnded(releaseBatch);
            stats.reclaimCredit();
            granted = ledger.reserveUpTo(t, sizeClass.blockSize, 1);
            if (granted == 0) {
                return null;
            }
        }
        sweepIfDue(g);
        boolean intoStack = stack != null && stack.size() + granted <= stack.capacity;
        Slab[] slabs = intoStack ? stack.slabs : new Slab[granted];
        char[] offsets = intoStack ? stack.offsets : new char[granted];
        int at = intoStack ? SlotStack.PAD + stack.size() : 0;
        int got = sizeClass.take(g.config.selection(), cache.home, slabs, offsets, at, granted);
        if (got < granted) {
            ledger.release(t, (long) (granted - got) * sizeClass.blockSize);
        }
        if (got == 0) {
            return null;
        }
        if (!intoStack) {
            // no cache (or no room in it): hand out the first, give back any others
            if (got > 1) {
                releaseToPools(slabs, offsets, 1, got - 1);
            }
            cache.takenOffset = offsets[0];
            return slabs[0];
        }
        stack.filled(got);
        return cache.pop(stack);
    }

    /**
     * Reserves budget for up to {@code wanted} blocks: from this thread's credit first, then from the ledger with
     * a lease of {@link BudgetCredit#LEASE_BYTES} more where the budgets allow, kept as credit for the next refills.
     *
     * @return how many blocks are reserved; 0 when the budgets hold not even one more
     */
    private int reserve(ThreadCache cache, int t, int blockSize, int wanted) {
        int n = cache.credit.takeBlocks(t, blockSize, wanted);
        if (n == wanted) {
            return n;
        }
        long bytes = ledger.reserveBytes(t, blockSize, (long) (wanted - n) * blockSize + BudgetCredit.LEASE_BYTES);
        int more = (int) Math.min(wanted - n, bytes / blockSize);
        long spare = bytes - (long) more * blockSize;
        if (spare > 0) {
            cache.credit.add(t, spare);
        }
        return n + more;
    }

    /**
     * Budget of blocks leaving this thread's cache becomes its credit; past {@link BudgetCredit#MAX_BYTES} the
     * credit above one lease goes back to the ledger.
     */
    private void returnBudget(ThreadCache cache, int t, long bytes) {
        if (cache.credit.add(t, bytes) > BudgetCredit.MAX_BYTES) {
            long excess = cache.credit.takeAbove(t, BudgetCredit.LEASE_BYTES);
            if (excess > 0) {
                ledger.release(t, excess);
            }
        }
    }

    /**
     * Where a closed block's slot goes: the closing thread's cache when it belongs to the generation that
     * cache serves (the cold half of a full cache goes back to the pools first), else straight to its pool.
     */
    void recycle(ThreadCache cache, Slab slab, char offset) {
        SlotPool pool = slab.pool;
        Generation cached = cache.generation();
        // the usual case first, kept small for the JIT to inline: room in the stack of the slot's class
        if (!pool.isEmergency() && cached != null && cached.types[pool.typeIndex] == pool.owner) {
            SlotStack stack = cache.existingStack(pool.typeIndex, pool.classIndex);
            if (stack != null && stack.push(slab, offset)) {
                return; // stays counted as held: the next hit on this thread needs no shared state
            }
        }
        recycleOtherwise(cache, slab, offset);
    }

    private void recycleOtherwise(ThreadCache cache, Slab slab, char offset) {
        SlotPool pool = slab.pool;
        if (pool.isEmergency()) {
            reserve.give(slab, offset);
            return;
        }
        Generation cached = cache.generation();
        if (cached != null && cached.types[pool.typeIndex] == pool.owner) {
            SlotStack stack = cache.stack(pool.typeIndex, pool.classIndex);
            if (stack != null) {
                if (!stack.push(slab, offset)) {
                    int n = Math.max(1, stack.capacity / 2);
                    returnBudget(cache, pool.typeIndex, (long) n * pool.blockSize);
                    stack.removeBottom(n, returnBatch);
                    sweepIfDue(cached);
                    stack.push(slab, offset);
                }
                return; // stays counted as held: the next hit on this thread needs no shared state
            }
        }
        releaseToPools(new Slab[] {slab}, new char[] {offset}, 0, 1);
    }

    /** A slot of {@code slab} dropped for good (close gave up waiting for an access): never handed out again. */
    void retire(Slab slab) {
        SlotPool pool = slab.pool;
        if (pool.isEmergency()) {
            reserve.forget(slab);
        } else {
            ledger.release(pool.typeIndex, pool.blockSize);
            pool.forget(slab);
        }
    }

    /**
     * Free slots of one class leave a thread cache (or skip it): their bytes stop counting against the
     * budgets, and each goes back to its pool, one lock acquisition per pool.
     */
    private void releaseToPools(Slab[] slabs, char[] offsets, int from, int n) {
        if (n == 0) {
            return;
        }
        SlotPool first = slabs[from].pool;
        ledger.release(first.typeIndex, (long) n * first.blockSize);
        returnToPools(slabs, offsets, from, n);
    }

    /**
     * Gives the slots at {@code [from..from+n)} of the two arrays (all of one class) back to their pools, one lock
     * acquisition per pool.
     */
    private void returnToPools(Slab[] slabs, char[] offsets, int from, int n) {
        int end = from + n;
        int start = from;
        while (start < end) {
            // move the slots of one pool to the front of what is left, then give them back together
            SlotPool pool = slabs[start].pool;
            int same = start + 1;
            for (int i = start + 1; i < end; i++) {
                if (slabs[i].pool == pool) {
                    Slab slab = slabs[i];
                    char offset = offsets[i];
                    slabs[i] = slabs[same];
                    offsets[i] = offsets[same];
                    slabs[same] = slab;
                    offsets[same++] = offset;
                }
            }
            pool.give(slabs, offsets, start, same - start);
            start = same;
        }
    }

    /** Lets every pool of {@code g} hand back slabs that stayed empty long enough; at most four times per idle time. */
    void sweepIfDue(Generation g) {
        long now = account.now();
        long due = nextSweep;
        if (due == Long.MIN_VALUE || now - due >= 0) { // a clock may start anywhere, even below zero
            nextSweep = now + Math.max(1, account.idleNanos() / 4);
            g.sweep(false);
        }
    }

    /** Hands back every empty slab now, and the calling thread's cached blocks. */
    void trim(Generation g) {
        ThreadCache cache = cache(g);
        cache.drain(releaseBatch);
        StatsRegistry.returnCredit(cache, ledger);
        g.sweep(true);
    }

    /** @return the exception of a refused allocation: the first source the strategy asked is the one named */
    MemoryBudgetExceededException refusal(PoolType type, int size, AllocationStrategy strategy, Generation g) {
        int t = type.ordinal();
        PoolSizeClass primary = g.types[t].classes[g.types[t].primaryClass(size)];
        RefusalReason reason = strategy == AllocationStrategy.EMERGENCY_ONLY ? RefusalReason.RESERVE_SPENT
                : primary.outOfDirectMemory() ? RefusalReason.NO_DIRECT_MEMORY
                : ledger.shortOf(t, primary.blockSize);
        return reason.exception(type, size, strategy, ledger, reserve);
    }
}
