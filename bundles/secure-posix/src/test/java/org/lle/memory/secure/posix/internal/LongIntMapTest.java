package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The page-count map against HashMap under random puts and removals (backward-shift deletion is subtle). */
class LongIntMapTest {

    @Test
    void behavesLikeAHashMap() {
        Random random = new Random(7);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(3000) + (random.nextBoolean() ? 0x7f0000000L : 0); // clustered, like pages
            int value = random.nextInt(4); // 0 removes
            map.put(key, value);
            if (value == 0) {
                reference.remove(key);
            } else {
                reference.put(key, value);
            }
            long probe = random.nextInt(3000);
            assertThat(map.get(probe)).isEqualTo(reference.getOrDefault(probe, 0));
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        int[] seen = {0};
        map.forEach((k, v) -> {
            assertThat(reference.get(k)).isEqualTo(v);
            seen[0]++;
        });
        assertThat(seen[0]).isEqualTo(reference.size());
    }
}
