package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lle.memory.testsupport.FieldLayout.LINE;
import static org.lle.memory.testsupport.FieldLayout.hotFieldsWithoutALineOnEachSide;

import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.FieldLayout;

/**
 * Each shard's size class and chunk are written by one thread on every allocate and close; the GC may copy
 * two shards' objects side by side. Without padding, two threads on different shards shared lines in some
 * JMH forks: 107-124 ns per 64-byte allocate+close instead of 47-52 (JDK 17, G1 and Serial). Asks HotSpot
 * for the real offsets.
 */
class ArenaPaddingLayoutTest {

    @Test
    void sizeClassStateHasALineOnEachSide() {
        assertThat(hotFieldsWithoutALineOnEachSide(ArenaSizeClass.class, "emptyChunks", "chunks", "withFree")).isEmpty();
    }

    @Test
    void chunkStateHasALineOnEachSide() {
        assertThat(hotFieldsWithoutALineOnEachSide(ArenaChunk.class, "freeCount", "liveCount", "listed",
                "released", "live", "free")).isEmpty();
    }

    /** The slots in use sit at the ends of the chunk's arrays: a line of unused elements keeps them inside. */
    @Test
    void theChunkArraysKeepALineAtEachEnd() {
        assertThat(ArenaChunkState.ARRAY_PAD * FieldLayout.arrayIndexScale(int[].class)).isGreaterThanOrEqualTo(LINE);
        assertThat(ArenaChunkState.ARRAY_PAD * FieldLayout.arrayIndexScale(LeakGuard[].class))
                .isGreaterThanOrEqualTo(LINE);
    }

    /** Control: the same state without the padding classes fails the check. */
    @Test
    void stateWithoutPaddingFailsTheCheck() {
        assertThat(hotFieldsWithoutALineOnEachSide(Unpadded.class, "freeCount", "liveCount")).hasSize(2);
    }

    @SuppressWarnings("unused")
    static final class Unpadded {
        Object sizeClass;
        int freeCount;
        int liveCount;
    }
}
