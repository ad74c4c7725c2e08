package org.lle.memory.internal.padding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lle.memory.testsupport.FieldLayout.hotFieldsWithoutALineOnEachSide;

import org.junit.jupiter.api.Test;

/**
 * A subclass's state lands a full line behind the object's start, its small fields included (no hole of the
 * padding takes them). Asks HotSpot for the real offsets; {@code PoolPaddingLayoutTest} and {@code ArenaPaddingLayoutTest} check
 * its padded classes.
 */
class CacheLinePaddingLayoutTest {

    @Test
    void aSubclassesStateHasALineOnEachSide() {
        assertThat(hotFieldsWithoutALineOnEachSide(Padded.class, "hot", "count")).isEmpty();
    }

    /** Control: the same state without the padding superclass fails the check. */
    @Test
    void stateWithoutThePaddingFailsTheCheck() {
        assertThat(hotFieldsWithoutALineOnEachSide(Unpadded.class, "hot", "count")).hasSize(2);
    }

    /** The state; HotSpot sorts one class's fields by size, so the line behind it needs a class of its own. */
    @SuppressWarnings("unused")
    abstract static class State extends CacheLinePadding {
        int hot;
        long count;
    }

    @SuppressWarnings("unused")
    static final class Padded extends State {
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }

    @SuppressWarnings("unused")
    static final class Unpadded {
        int hot;
        long count;
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }
}
