package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Threads get shards in turn as they first ask, and keep them; thread ids play no part in which one. */
class ShardChooserTest {

    @Test
    void threadsWithIdsOfTheSameParityGetDifferentShards() throws InterruptedException {
        ShardChooser chooser = new ShardChooser(2);
        long[] ids = new long[2];
        int[] shards = new int[2];
        Thread first = new Thread(() -> shards[0] = chooser.shardOfCurrentThread());
        // new threads until one lands on the first's old-hash shard (ids are not consecutive when the JVM or the
        // test runner makes threads meanwhile); the others are never started
        Thread second = null;
        for (int attempt = 0; attempt < 1000 && second == null; attempt++) {
            Thread candidate = new Thread(() -> shards[1] = chooser.shardOfCurrentThread());
            if (oldHashShard(candidate.getId()) == oldHashShard(first.getId())) {
                second = candidate;
            }
        }
        assertThat(second).as("a thread whose id hashes to the first's shard").isNotNull();
        ids[0] = first.getId();
        ids[1] = second.getId();
        first.start();
        first.join();
        second.start();
        second.join();
        assertThat(oldHashShard(ids[0])).as("control: the hash of the thread id used before put both on one shard")
                .isEqualTo(oldHashShard(ids[1]));
        assertThat(shards[0]).isNotEqualTo(shards[1]);
    }

    private static int oldHashShard(long id) {
        return (int) (id ^ (id >>> 7)) & 1;
    }

    @Test
    void aThreadKeepsItsShardAndTheShardsAreUsedInTurn() throws InterruptedException {
        ShardChooser chooser = new ShardChooser(4);
        AtomicIntegerArray perShard = new AtomicIntegerArray(4);
        List<Thread> threads = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                int shard = chooser.shardOfCurrentThread();
                perShard.incrementAndGet(shard);
                for (int i = 0; i < 10_000; i++) {
                    if (chooser.shardOfCurrentThread() != shard) {
                        synchronized (changed) {
                            changed.add(Thread.currentThread().getName());
                        }
                        return;
                    }
                }
            });
            threads.add(thread);
            thread.start();
            thread.join(); // one after the other: each takes the next turn
        }
        assertThat(changed).isEmpty();
        for (int shard = 0; shard < 4; shard++) {
            assertThat(perShard.get(shard)).as("threads on shard %d", shard).isEqualTo(2);
        }
    }

    @Test
    void shardCountsThatAreNotAPowerOfTwoAreRefused() {
        assertThatThrownBy(() -> new ShardChooser(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shards must be a power of two up to 256, got 3");
        assertThatThrownBy(() -> new ShardChooser(512)).hasMessageContaining("got 512");
    }
}
