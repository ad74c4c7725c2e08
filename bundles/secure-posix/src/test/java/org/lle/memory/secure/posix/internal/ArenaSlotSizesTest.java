package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The computed size class of every size up to the largest class is the smallest listed class that holds it. */
class ArenaSlotSizesTest {
    @Test
    void everySizeGetsTheSmallestClassThatHoldsIt() {
        List<Integer> classes = new ArrayList<>(); // 16, 24, 32, 48, ... as the arena's javadoc lists them
        for (int power = 16; power <= LockedArena.MAX_SIZE; power *= 2) {
            classes.add(power);
            if (power < LockedArena.MAX_SIZE) {
                classes.add(power + power / 2);
            }
        }
        int expected = 0;
        for (int size = 1; size <= LockedArena.MAX_SIZE; size++) {
            while (classes.get(expected) < size) {
                expected++;
            }
            assertThat(ArenaSlotSizes.indexOf(size)).as("size %d", size).isEqualTo(expected);
        }
        assertThat(expected).isEqualTo(classes.size() - 1);
        assertThat(ArenaSlotSizes.all()).containsExactly(classes.stream().mapToInt(Integer::intValue).toArray());
    }
}
