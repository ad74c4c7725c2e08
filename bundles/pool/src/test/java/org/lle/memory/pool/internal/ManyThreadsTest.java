package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/**
 * Ten thousand short-lived threads, each allocating and closing: what thread caches hold stays bounded while
 * they come and go, and once they ended no block is stranded in a cache.
 */
class ManyThreadsTest {
    private static final int THREADS = Integer.getInteger("lle.pool.manyThreads", 10_000);
    private static final int BLOCKS_EACH = 20;
    private static final int AT_ONCE = 8;
    private static final long BLOCK = 64;

    @Test
    void shortLivedPlatformThreadsHoldBoundedCachesAndStrandNothing() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            int t = PoolType.STRING.ordinal();
            p.allocate(PoolType.BUFFER, 1).close(); // this thread is known before the others end
            runPlatform(p, 1);
            assertThat(p.ledger().held(t)).as("control: an ended thread's cache holds blocks until it is found")
                    .isGreaterThan(0);

            // caches of ended threads waiting to be found, plus those of the threads running: each at most full
            long bound = (StatsRegistry.MIN_SWEEP_SIZE + AT_ONCE + 2L) * PoolConfig.DEFAULT_THREAD_CACHE_SIZE * BLOCK;
            long most = 0;
            for (int started = 1; started < THREADS; started += AT_ONCE) {
                runPlatform(p, Math.min(AT_ONCE, THREADS - started));
                most = Math.max(most, p.ledger().held(t)); // no block is open between waves: all of it is cached
                assertThat(p.statsRegistry().registered()).isLessThanOrEqualTo(StatsRegistry.MIN_SWEEP_SIZE
                        + AT_ONCE + 2);
            }
            assertThat(most).as("bytes cached at most, of %d allowed", bound).isLessThanOrEqualTo(bound);

            PoolStats s = p.stats(PoolType.STRING); // finds every ended thread
            assertThat(s.allocations()).isEqualTo((long) THREADS * BLOCKS_EACH);
            assertThat(s.frees()).isEqualTo(s.allocations());
            assertThat(p.ledger().held(t)).as("stranded after every thread ended").isZero();
        }
    }

    @Test
    void virtualThreadsCacheNothingSoNothingIsStrandedEvenBeforeTheyAreFound() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21 or later");
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            int t = PoolType.STRING.ordinal();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            ExecutorService virtual = (ExecutorService) Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            Method isVirtual = Thread.class.getMethod("isVirtual");
            for (int i = 0; i < THREADS; i++) {
                virtual.execute(() -> {
                    try {
                        if (!(boolean) isVirtual.invoke(Thread.currentThread())) {
                            throw new AssertionError("not a virtual thread");
                        }
                        allocateAndClose(p);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            virtual.shutdown();
            assertThat(virtual.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isNull();
            assertThat(p.ledger().held(t)).as("held right after the last thread ended, before any sweep").isZero();
            PoolStats s = p.stats(PoolType.STRING);
            assertThat(s.allocations()).isEqualTo((long) THREADS * BLOCKS_EACH);
            assertThat(s.frees()).isEqualTo(s.allocations());
            assertThat(s.cacheHits()).isZero();
            assertThat(p.statsRegistry().registered()).as("ended virtual threads are forgotten").isLessThan(10);
        }
    }

    private static void runPlatform(DefaultMemoryPoolSystem p, int n) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            Thread thread = new Thread(() -> allocateAndClose(p));
            thread.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failure.get()).isNull();
    }

    private static void allocateAndClose(DefaultMemoryPoolSystem p) {
        List<PoolBlock> blocks = new ArrayList<>(BLOCKS_EACH);
        for (int i = 0; i < BLOCKS_EACH; i++) {
            PoolBlock b = p.allocate(PoolType.STRING, (int) BLOCK);
            b.put(0, (byte) i);
            blocks.add(b);
        }
        blocks.forEach(PoolBlock::close);
    }
}
