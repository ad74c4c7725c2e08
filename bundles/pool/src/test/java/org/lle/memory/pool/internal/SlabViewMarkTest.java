package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

/**
 * The mark "a view of this slot was handed out" is one bit per slot in its slab: it must mark that slot only,
 * for good, and a mark set at the same time for a neighbouring slot must not get lost.
 */
class SlabViewMarkTest {
    private static final int BLOCK = 64;

    @Test
    void aViewMarksItsOwnSlotOnlyAndForGood() {
        try (DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            PooledBlock a = (PooledBlock) pools.allocate(PoolType.STRING, 10);
            PooledBlock b = (PooledBlock) pools.allocate(PoolType.STRING, 10);
            assertThat(b.slab).as("control: neighbours in one slab").isSameAs(a.slab);
            a.asByteBuffer();
            assertThat(a.dirtyEnd()).isEqualTo(a.capacity());
            assertThat(b.dirtyEnd()).as("the neighbour was never written nor viewed: no wipe").isZero();
            b.close();
            a.close();
            PooledBlock next = (PooledBlock) pools.allocate(PoolType.STRING, 10);
            assertThat(SlotId.of(next)).as("control: the viewed slot again").isEqualTo(SlotId.of(a));
            assertThat(next.dirtyEnd()).as("a later owner of the viewed slot wipes it whole").isEqualTo(next.capacity());
            next.close();
        }
    }

    /** Slots past the first word of the bitset, and their neighbours in the same word and the word before. */
    @Test
    void eachSlotHasItsOwnBit() {
        Slab slab = fullSlab();
        int[] marked = {0, 63, 64, 65, 1000, slab.slots - 1};
        for (int slot : marked) {
            slab.markViewHandedOut(slot * BLOCK);
        }
        for (int slot = 0; slot < slab.slots; slot++) {
            boolean expected = contains(marked, slot);
            assertThat(slab.viewHandedOut(slot * BLOCK)).as("slot %d", slot).isEqualTo(expected);
        }
    }

    /**
     * Two owners of interleaved slots (even and odd, so every word of the bitset is shared) ask for views at the
     * same moment, on a fresh slab each round: every mark must stay (a plain read-modify-write of a shared word
     * loses some).
     */
    @Test
    void marksSetAtOnceForNeighbouringSlotsAreAllKept() {
        int rounds = Integer.getInteger("lle.pool.viewMarkRaceRounds", 2_000);
        Slab template = fullSlab();
        AtomicReference<Slab> current = new AtomicReference<>();
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger finished = new AtomicInteger(-1);
        Thread odd = new Thread(() -> {
            for (int r = 0; r < rounds; r++) {
                if (!ZeroFillTest.spinUntil(go, r)) {
                    return;
                }
                markEveryOther(current.get(), 1);
                finished.set(r);
            }
        }, "odd-slot-views");
        odd.setDaemon(true);
        odd.start();
        int lost = 0;
        for (int r = 0; r < rounds; r++) {
            // a new slab object per round (over the same memory, which the marks never touch): no bit set yet
            Slab slab = new Slab(template.pool, template.memory, template.slots);
            current.set(slab);
            go.set(r);
            markEveryOther(slab, 0);
            assertThat(ZeroFillTest.spinUntil(finished, r)).as("round %d finished", r).isTrue();
            for (int slot = 0; slot < slab.slots; slot++) {
                if (!slab.viewHandedOut(slot * BLOCK)) {
                    lost++;
                }
            }
        }
        assertThat(lost).as("marks lost in " + rounds + " rounds").isZero();
    }

    private static void markEveryOther(Slab slab, int first) {
        for (int slot = first; slot < slab.slots; slot += 2) {
            slab.markViewHandedOut(slot * BLOCK);
        }
    }


    private static Slab fullSlab() {
        SlotPool pool = new SlotPool(BLOCK, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, null, new SlabAccount());
        Slab[] slabs = new Slab[1];
        char[] offsets = new char[1];
        pool.take(slabs, offsets, 0, 1);
        assertThat(slabs[0].slots).as("control: a slab of many words of bits").isEqualTo(SlotPool.MAX_SLOTS_PER_SLAB);
        return slabs[0];
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
