package org.lle.memory.pool.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.lle.memory.pool.PoolSelection;

/**
 * The pools of one size class of one type. {@link PoolSelection} chooses among them; the strategy (in
 * {@link Allocator}) decides which classes are tried, smallest first, so "best fit" across classes is the
 * strategy's order and the selection algorithms differ in how they pick among the pools of a class.
 *
 * <p>Each pool's {@code blocksPerPool} is a soft limit: the selection fills pools up to it, and once every
 * pool of the class holds that many, the least used one grows on past it. Only the budgets cap a class.
 */
final class SizeClass {
    /** A thread cache refills at most this many bytes of one class at once (and at least one block). */
    static final int MAX_BATCH_BYTES = 32 * 1024;

    final int index;
    final int blockSize;
    final SlotPool[] pools;
    private final AtomicInteger nextRoundRobin = new AtomicInteger();

    SizeClass(TypePools owner, int typeIndex, int index, int blockSize, int poolsPerClass, int blocksPerPool,
            long budgetBytes, SlabAccount account) {
        this.index = index;
        this.blockSize = blockSize;
        this.pools = new SlotPool[poolsPerClass];
        for (int i = 0; i < poolsPerClass; i++) {
            pools[i] = new SlotPool(blockSize, blocksPerPool, budgetBytes, typeIndex, index, i, owner, account);
        }
    }

    /** @return the most blocks a thread cache of {@code capacity} takes from this class at once */
    int batchLimit(int capacity) {
        return Math.max(1, Math.min(capacity / 2, MAX_BATCH_BYTES / blockSize));
    }

    /**
     * Hands out {@code n} zero-filled slots into {@code into[at..]} from the pools the selection picks.
     *
     * @return how many: fewer than {@code n} only when direct memory ran out
     */
    int take(PoolSelection selection, Slot[] into, int at, int n) {
        if (pools.length == 1) {
            return pools[0].take(into, at, n);
        }
        int got = 0;
        for (int i : order(selection)) {
            SlotPool pool = pools[i];
            int room = pool.softLimit - pool.outstanding();
            if (room > 0) {
                got += pool.take(into, at + got, Math.min(room, n - got));
                if (got == n) {
                    return got;
                }
            }
        }
        // every pool reached its soft limit: the least used grows on
        SlotPool least = pools[0];
        for (SlotPool pool : pools) {
            if (pool.outstanding() < least.outstanding()) {
                least = pool;
            }
        }
        return got + least.take(into, at + got, n - got);
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

    /** The order in which pools are tried. */
    int[] order(PoolSelection selection) {
        int n = pools.length;
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
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                return order;
            case LEAST_USED:
                // all pools of a class have the same soft limit, so the lowest share in use is the fewest outstanding
                return sortedBy(pool -> pool.outstanding());
            case BEST_FIT:
                // the tightest pool below its soft limit: packs blocks into few pools and leaves the others idle
                return sortedBy(pool -> pool.hasRoom() ? pool.softLimit - pool.outstanding() : Integer.MAX_VALUE);
            default:
                throw new IllegalArgumentException("unknown pool selection " + selection);
        }
    }

    private interface PoolKey {
        int of(SlotPool pool);
    }

    /** Stable insertion sort over at most 64 pools: ties keep configuration order. */
    private int[] sortedBy(PoolKey key) {
        int n = pools.length;
        int[] order = new int[n];
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            int k = key.of(pools[i]);
            int j = i;
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
