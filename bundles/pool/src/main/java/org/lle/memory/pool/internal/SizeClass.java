package org.lle.memory.pool.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.lle.memory.pool.PoolSelection;

/**
 * The pools of one size class of one type. {@link PoolSelection} chooses among them; the strategy (in
 * {@link Allocator}) decides which classes are tried, smallest first, so "best fit" across classes is the
 * strategy's order and the selection algorithms differ in how they pick among the pools of a class.
 */
final class SizeClass {
    final int index;
    final int blockSize;
    final SlotPool[] pools;
    private final AtomicInteger nextRoundRobin = new AtomicInteger();

    SizeClass(TypePools owner, int typeIndex, int index, int blockSize, int poolsPerClass, int blocksPerPool) {
        this.index = index;
        this.blockSize = blockSize;
        this.pools = new SlotPool[poolsPerClass];
        for (int i = 0; i < poolsPerClass; i++) {
            pools[i] = new SlotPool(blockSize, blocksPerPool, typeIndex, index, i, owner);
        }
    }

    /** @return a slot from the pool the selection picks, falling over to the others; {@code null} if all are full */
    Slot take(PoolSelection selection) {
        if (pools.length == 1) {
            return pools[0].take();
        }
        int[] order = order(selection);
        for (int i : order) {
            Slot slot = pools[i].take();
            if (slot != null) {
                return slot;
            }
        }
        return null;
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

    /** The order in which pools are tried; only pools with room come first, the rest are a racy fallback. */
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
                // all pools of a class have the same capacity, so the lowest share in use is the fewest outstanding
                return sortedBy(pool -> pool.outstanding());
            case BEST_FIT:
                // the tightest pool that still has room: packs blocks into few pools and leaves the others idle
                return sortedBy(pool -> pool.hasRoom() ? pool.maxBlocks - pool.outstanding() : Integer.MAX_VALUE);
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
