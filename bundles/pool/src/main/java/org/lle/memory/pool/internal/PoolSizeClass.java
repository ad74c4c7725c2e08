package org.lle.memory.pool.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.lle.memory.pool.PoolSelection;

/**
 * The pools of one size class of one type. {@link PoolSelection} chooses among them; the strategy (in
 * {@link Allocator}) decides which classes are tried, smallest first, so "best fit" across classes is the
 * strategy's order and the selection algorithms differ in how they pick among the pools of a class.
 *
 * <p>Each pool's {@code blocksPerPool} is a soft limit: the selection fills pools up to it, and once every
 * pool of the class holds that many, the calling thread's home pool serves: its free blocks, then a new slab,
 * as long as the slabs of the type fit in the type's budget. Past that, the free blocks of the other pools are
 * taken first, and only then does the home pool grow on (the budget of held bytes, checked before, still
 * decides whether the request is refused). Only the budgets cap a class.
 *
 * <p>Each thread has a home: a number given out in turn as threads first allocate, so the threads of a system
 * start in different pools. It breaks the selection's ties (pools the selection ranks equal are tried from
 * the home on) and picks the pool that serves past the soft limits: threads that allocate at volume each
 * grow their own pool, do not meet at one pool's lock, and keep reusing their own blocks' memory instead of
 * taking blocks another thread just closed, whose memory then moves from that thread's core to theirs.
 */
final class PoolSizeClass {
    /** A thread cache refills at most this many bytes of one class at once (and at least one block). */
    static final int MAX_BATCH_BYTES = 32 * 1024;

    final int index;
    final int blockSize;
    final SlotPool[] pools;
    private final AtomicInteger nextRoundRobin = new AtomicInteger();
    private final int typeIndex;
    private final long budgetBytes;
    private final SlabAccount account;

    PoolSizeClass(TypePools owner, int typeIndex, int index, int blockSize, int poolsPerClass, int blocksPerPool,
            long budgetBytes, SlabAccount account) {
        this.index = index;
        this.blockSize = blockSize;
        this.typeIndex = typeIndex;
        this.budgetBytes = budgetBytes;
        this.account = account;
        this.pools = new SlotPool[poolsPerClass];
        for (int i = 0; i < poolsPerClass; i++) {
            pools[i] = new SlotPool(blockSize, blocksPerPool, budgetBytes, typeIndex, index, i, owner, account);
        }
    }

    /**
     * A thread keeps at most this many bytes of free blocks per class, whatever the configured count: a
     * cache of large blocks would otherwise hold megabytes of a budget that other threads cannot reclaim.
     */
    static final int MAX_CACHE_BYTES = 64 * 1024;

    /** @return how many free blocks of this class a thread keeps, for {@code threadCacheSize} ({@code > 0}) */
    int cacheCapacity(int threadCacheSize) {
        return Math.max(1, Math.min(threadCacheSize, MAX_CACHE_BYTES / blockSize));
    }

    /** @return the most blocks a thread cache of {@code capacity} takes from this class at once */
    int batchLimit(int capacity) {
        return Math.max(1, Math.min(capacity / 2, MAX_BATCH_BYTES / blockSize));
    }

    /**
     * Hands out {@code n} zero-filled slots into {@code slabs[at..]} and {@code offsets[at..]} from the pools the
     * selection picks.
     *
     * @return how many: fewer than {@code n} only when direct memory ran out
     */
    int take(PoolSelection selection, int home, Slab[] slabs, char[] offsets, int at, int n) {
        if (pools.length == 1) {
            return pools[0].take(slabs, offsets, at, n);
        }
        int got = 0;
        // at volume every pool is past its soft limit: the order would pick none, so it is not worked out (nor
        // allocated); round robin always advances its turn
        if (selection == PoolSelection.ROUND_ROBIN || anyHasRoom()) {
            for (int i : order(selection, home)) {
                SlotPool pool = pools[i];
                int room = pool.softLimit - pool.outstanding();
                if (room > 0) {
                    got += pool.take(slabs, offsets, at + got, Math.min(room, n - got));
                    if (got == n) {
                        return got;
                    }
                }
            }
        }
        // every pool reached its soft limit: the home pool, free blocks then a new slab while the type's slabs fit
        // in its budget; past that, free blocks of the other pools first, then the home pool grows on
        int first = Math.floorMod(home, pools.length);
        SlotPool own = pools[first];
        if (own.mayHaveFree()) {
            got += own.takeFree(slabs, offsets, at + got, n - got);
            if (got == n) {
                return got;
            }
        }
        if (account.bytes(typeIndex) + own.slabSize() <= budgetBytes) {
            return got + own.take(slabs, offsets, at + got, n - got);
        }
        for (int r = 1; r < pools.length; r++) {
            int i = first + r < pools.length ? first + r : first + r - pools.length;
            if (pools[i].mayHaveFree()) {
                got += pools[i].takeFree(slabs, offsets, at + got, n - got);
                if (got == n) {
                    return got;
                }
            }
        }
        return got + own.take(slabs, offsets, at + got, n - got);
    }

    private boolean anyHasRoom() {
        for (SlotPool pool : pools) {
            if (pool.hasRoom()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a pool of this class failed to grow for lack of direct memory */
    boolean outOfDirectMemory() {
        for (SlotPool pool : pools) {
            if (pool.outOfDirectMemory()) {
                return true;
            }
        }
        return false;
    }

    void sweep(boolean all) {
        for (SlotPool pool : pools) {
            pool.sweep(all);
        }
    }

    /** The order in which pools are tried by a thread of {@code home}: ties in the selection's ranking go home first. */
    int[] order(PoolSelection selection, int home) {
        int n = pools.length;
        int first = Math.floorMod(home, n);
        int[] order = new int[n];
        switch (selection) {
            case ROUND_ROBIN: {
                int start = Math.floorMod(nextRoundRobin.getAndIncrement(), n);
                for (int i = 0; i < n; i++) {
                    order[i] = (start + i) % n;
                }
                return order;
            }
            case FIRST_FIT:
                // configuration order is the meaning of this selection: no home
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                return order;
            case LEAST_USED:
                // all pools of a class have the same soft limit, so the lowest share in use is the fewest outstanding
                return sortedBy(first, pool -> pool.outstanding());
            case BEST_FIT:
                // the tightest pool below its soft limit: packs blocks into few pools and leaves the others idle
                return sortedBy(first, pool -> pool.hasRoom() ? pool.softLimit - pool.outstanding() : Integer.MAX_VALUE);
            default:
                throw new IllegalArgumentException("unknown pool selection " + selection);
        }
    }

    private interface PoolKey {
        int of(SlotPool pool);
    }

    /** Stable insertion sort over at most 64 pools: ties keep configuration order, starting at {@code first}. */
    private int[] sortedBy(int first, PoolKey key) {
        int n = pools.length;
        int[] order = new int[n];
        int[] keys = new int[n];
        for (int r = 0; r < n; r++) {
            int i = first + r < n ? first + r : first + r - n;
            int k = key.of(pools[i]);
            int j = r;
            while (j > 0 && keys[j - 1] > k) {
                keys[j] = keys[j - 1];
                order[j] = order[j - 1];
                j--;
            }
            keys[j] = k;
            order[j] = i;
        }
        return order;
    }
}
