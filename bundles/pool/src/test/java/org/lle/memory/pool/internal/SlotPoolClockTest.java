package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Slots going back to a pool read the clock only when one of their slabs empties (that time starts the slab's
 * idle wait): a batch that empties none reads it not at all, one that empties several reads it once.
 */
class SlotPoolClockTest {
    private static final int BLOCK = 64;
    private static final int PER_SLAB = SlotPool.SLAB_TARGET_BYTES / BLOCK;

    private final AtomicInteger reads = new AtomicInteger();
    private final SlabAccount account = new SlabAccount();
    private final SlotPool pool = new SlotPool(BLOCK, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, null, account);

    SlotPoolClockTest() {
        account.setClock(() -> {
            reads.incrementAndGet();
            return 42;
        }, SlabAccount.DEFAULT_IDLE_NANOS);
    }

    @Test
    void aBatchThatEmptiesNoSlabReadsNoClock() {
        Slab[] slabs = new Slab[PER_SLAB];
        char[] offsets = new char[PER_SLAB];
        assertThat(pool.take(slabs, offsets, 0, PER_SLAB)).isEqualTo(PER_SLAB);
        reads.set(0);
        pool.give(slabs, offsets, 0, PER_SLAB - 1); // one slot of the slab stays out
        assertThat(reads).hasValue(0);
    }

    /** Control: a batch that empties slabs reads the clock, once for all of them, and stamps each. */
    @Test
    void aBatchThatEmptiesSlabsReadsTheClockOnce() {
        Slab[] slabs = new Slab[2 * PER_SLAB];
        char[] offsets = new char[2 * PER_SLAB];
        assertThat(pool.take(slabs, offsets, 0, slabs.length)).isEqualTo(slabs.length);
        assertThat(slabs[0]).isNotSameAs(slabs[slabs.length - 1]);
        reads.set(0);
        pool.give(slabs, offsets, 0, slabs.length);
        assertThat(reads).hasValue(1);
        assertThat(slabs[0].emptySince).isEqualTo(42);
        assertThat(slabs[slabs.length - 1].emptySince).isEqualTo(42);
    }
}
