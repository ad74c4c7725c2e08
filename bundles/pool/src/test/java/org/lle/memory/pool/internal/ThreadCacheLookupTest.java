package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/**
 * The calling thread's cache is found by thread id before its {@code ThreadLocal}: threads whose ids share an entry
 * must still each get their own cache, so no thread ever pops another thread's free slots or writes its counters.
 */
class ThreadCacheLookupTest {
    private static final int ROUNDS = 2_000;

    /** Two threads, not started, whose ids map to one entry of the lookup (ids are handed out in order). */
    private static Thread[] sharingOneEntry(Runnable first, Runnable second) {
        Thread a = new Thread(first, "shares-entry-1");
        for (int i = 0; i < 10_000; i++) {
            Thread b = new Thread(second, "shares-entry-2");
            if (((a.getId() ^ b.getId()) & (Allocator.RECENT_ENTRIES - 1)) == 0) {
                return new Thread[] {a, b};
            }
        }
        throw new AssertionError("no two thread ids " + Allocator.RECENT_ENTRIES + " apart among 10,000 threads");
    }

    @Test
    void threadsWhoseIdsShareAnEntryTakeTurnsAndEachGetsItsOwnCache() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            CyclicBarrier turn = new CyclicBarrier(2);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<String> wrongOwner = Collections.synchronizedList(new ArrayList<>());
            Runnable work = () -> {
                try {
                    for (int i = 0; i < ROUNDS; i++) {
                        turn.await(); // in lockstep, so the two threads keep taking the entry from each other
                        PoolBlock b = p.allocate(PoolType.STRING, 32);
                        if (((PooledBlock) b).allocator.owner != Thread.currentThread()) {
                            wrongOwner.add(Thread.currentThread().getName() + " got the cache of "
                                    + ((PooledBlock) b).allocator.owner.getName() + " in round " + i);
                        }
                        b.close();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    turn.reset();
                }
            };
            Thread[] pair = sharingOneEntry(work, work);
            for (Thread t : pair) {
                t.start();
            }
            for (Thread t : pair) {
                t.join(60_000);
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
            assertThat(failure.get()).as("failure in a worker").isNull();
            assertThat(wrongOwner).as("allocations served from another thread's cache").isEmpty();
            PoolStats stats = p.stats(PoolType.STRING);
            assertThat(stats.allocations()).isEqualTo(2L * ROUNDS);
            assertThat(stats.frees()).isEqualTo(2L * ROUNDS);
            assertThat(stats.liveBlocks()).isZero();
            assertThat(p.statsRegistry().registered()).as("threads known with counters").isLessThanOrEqualTo(3);
        }
    }
}
