package org.lle.memory.pool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lle.memory.testsupport.FieldLayout.hotFieldsWithoutALineOnEachSide;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.FieldLayout;

/**
 * The fields one thread writes on every allocation must have a full cache line of their own object on each
 * side, whatever the GC puts next to the object. Asks HotSpot for the real field offsets.
 */
class PoolPaddingLayoutTest {

    @Test
    void threadCacheHotFieldsHaveALineOnEachSide() {
        assertEquals(List.of(), hotFieldsWithoutALineOnEachSide(ThreadCache.class, "allocationsSeen", "takenOffset"));
    }

    @Test
    void slotStackCountHasALineOnEachSide() {
        assertEquals(List.of(), hotFieldsWithoutALineOnEachSide(SlotStack.class, "count", "refill"));
    }

    @Test
    void typeCountersHaveALineOnEachSide() {
        assertEquals(List.of(), hotFieldsWithoutALineOnEachSide(TypeCounters.class, "cacheHits", "cacheMisses",
                "frees", "allocatedBytes", "freedBytes", "liveCapacity", "secondary", "emergency", "failures",
                "freedForOthers", "peakOwn", "secondaryWaste"));
    }

    /** Control: the padding as it was, without the field that fills the hole after the header, fails the check. */
    @Test
    void paddingWithAHoleAfterTheHeaderFailsTheCheck() {
        assumeTrue(FieldLayout.offsetOf(Unfilled.class, "p01") > 12,
                "no hole after the object header with these VM options (compact headers?)");
        assertFalse(hotFieldsWithoutALineOnEachSide(HotAfterUnfilled.class, "hot").isEmpty(),
                "the control's hot field should have landed in the header hole");
    }

    @SuppressWarnings("unused")
    abstract static class Unfilled {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    @SuppressWarnings("unused")
    static final class HotAfterUnfilled extends Unfilled {
        int hot;
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }
}
