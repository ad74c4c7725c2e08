package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.ReferenceQueue;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolType;

/** The slot-keyed table of open leak records against a {@link HashMap} doing the same. */
class OpenRecordsTest {
    private static final ReferenceQueue<PooledBlock> QUEUE = new ReferenceQueue<>();

    private static LeakTracker.Record record(long key) {
        return new LeakTracker.Record(null, QUEUE, key, PoolType.STRING, 1, null);
    }

    @Test
    void agreesWithAHashMapThroughGrowthShrinkingAndDeletionsInsideProbeRuns() {
        OpenRecords table = new OpenRecords();
        Map<Long, LeakTracker.Record> oracle = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 200_000; step++) {
            // few slabs and offsets, so keys repeat and probe runs collide; phases of growth and of shrinking
            boolean growing = (step / 20_000) % 2 == 0;
            long key = (long) random.nextInt(1, 40) << 16 | random.nextInt(0, 2048);
            if (random.nextInt(100) < (growing ? 70 : 30)) {
                if (!oracle.containsKey(key)) {
                    LeakTracker.Record r = record(key);
                    table.put(key, r);
                    oracle.put(key, r);
                }
            } else {
                assertThat(table.remove(key)).isSameAs(oracle.remove(key));
            }
            assertThat(table.size()).isEqualTo(oracle.size());
        }
        for (Map.Entry<Long, LeakTracker.Record> e : oracle.entrySet()) {
            assertThat(table.remove(e.getKey(), record(e.getKey()))).as("another record under the key").isFalse();
            assertThat(table.remove(e.getKey(), e.getValue())).isTrue();
        }
        assertThat(table.size()).isZero();
    }

    @Test
    void removeAllHandsOverEveryRecordAndEmptiesTheTable() {
        OpenRecords table = new OpenRecords();
        for (long k = 0; k < 1000; k++) {
            table.put(k << 16 | 7, record(k));
        }
        assertThat(table.removeAll()).hasSize(1000);
        assertThat(table.size()).isZero();
        assertThat(table.remove(3L << 16 | 7)).isNull();
    }
}
