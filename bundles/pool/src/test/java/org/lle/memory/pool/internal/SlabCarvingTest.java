package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Free lists, thread caches and handles keep a slot's offset in its slab as a {@code char}: every slab a pool
 * carves must put each of its slots at a distinct offset that a {@code char} holds exactly, the slots back to
 * back from 0 to the slab's end. Block sizes around the 64 KiB slab target and the {@code char} limit, and far
 * beyond it (a slab of one slot), are the edges.
 */
class SlabCarvingTest {

    @ParameterizedTest(name = "{0}-byte blocks")
    @ValueSource(ints = {1, 7, 16, 64, 100, 4000, 21845, 21846, 32767, 32768, 32769, 65535, 65536, 65537, 100_000,
            1 << 20})
    void everySlotOfASlabStartsAtADistinctOffsetACharHolds(int blockSize) {
        assertSlabsCarvedBackToBack(new SlotPool(blockSize, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, null,
                new SlabAccount()), blockSize);
    }

    /** A small budget makes small slabs: they must be carved the same way. */
    @ParameterizedTest(name = "{0}-byte blocks, a budget of three blocks")
    @ValueSource(ints = {1, 64, 32769, 65536})
    void aBudgetLimitedSlabIsCarvedTheSameWay(int blockSize) {
        SlotPool pool = new SlotPool(blockSize, Integer.MAX_VALUE, 3L * blockSize, 0, 0, 0, null, new SlabAccount());
        Slab slab = assertSlabsCarvedBackToBack(pool, blockSize);
        assertThat(slab.slots).isLessThanOrEqualTo(3);
    }

    /** Takes two slabs' worth of slots and checks the first slab's. @return that slab */
    private static Slab assertSlabsCarvedBackToBack(SlotPool pool, int blockSize) {
        int want = 2 * Math.min(SlotPool.MAX_SLOTS_PER_SLAB, Math.max(1, SlotPool.SLAB_TARGET_BYTES / blockSize));
        Slab[] slabs = new Slab[want];
        char[] offsets = new char[want];
        assertThat(pool.take(slabs, offsets, 0, want)).isEqualTo(want);
        Slab first = slabs[0];
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < want; i++) {
            if (slabs[i] == first) {
                starts.add((int) offsets[i]);
            }
        }
        starts.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int s = 0; s < first.slots; s++) {
            expected.add(s * blockSize);
        }
        assertThat(starts).as("the slots of one slab, back to back from 0").isEqualTo(expected);
        assertThat((long) first.slots * blockSize).as("the last slot ends where the slab ends")
                .isEqualTo(first.memory.capacity());
        assertThat(starts.get(starts.size() - 1)).isLessThanOrEqualTo(SlotPool.MAX_OFFSET);
        pool.give(slabs, offsets, 0, want);
        return first;
    }
}
