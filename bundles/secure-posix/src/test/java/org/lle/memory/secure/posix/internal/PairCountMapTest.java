package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The count map against HashMap under random puts, adds and removals (backward-shift deletion is subtle). */
class PairCountMapTest {

    @Test
    void behavesLikeAHashMap() {
        Random random = new Random(7);
        PairCountMap map = new PairCountMap();
        Map<List<Long>, Integer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long first = random.nextInt(3000) + (random.nextBoolean() ? 0x7f0000000L : 0); // clustered, like pages
            long second = random.nextInt(3); // a few lengths per address
            int count = random.nextInt(4); // 0 removes
            if (random.nextBoolean()) {
                map.put(first, second, count);
            } else { // the same change as a delta: one lookup instead of get + put
                int delta = count - reference.getOrDefault(List.of(first, second), 0);
                assertThat(map.add(first, second, delta)).isEqualTo(count);
            }
            if (count == 0) {
                reference.remove(List.of(first, second));
            } else {
                reference.put(List.of(first, second), count);
            }
            long probe = random.nextInt(3000);
            long probeSecond = random.nextInt(3);
            assertThat(map.get(probe, probeSecond)).isEqualTo(reference.getOrDefault(List.of(probe, probeSecond), 0));
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(map.get(k.get(0), k.get(1))).isEqualTo(v));
        int[] seen = {0};
        map.forEach((first, second, count) -> {
            assertThat(reference.get(List.of(first, second))).isEqualTo(count);
            seen[0]++;
        });
        assertThat(seen[0]).isEqualTo(reference.size());
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(reference.keySet().iterator().next().get(0), 0)).isZero();
    }
}
