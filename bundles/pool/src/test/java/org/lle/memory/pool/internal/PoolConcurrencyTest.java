package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/** Storms from several threads; every check is on exact counts after join, none on timing. */
class PoolConcurrencyTest {
    private static final int THREADS = 4;

    interface Worker {
        void run(int thread) throws Exception;
    }

    static void runAll(int threads, Worker worker) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    worker.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "storm-" + i);
            all.add(t);
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker failed", failure.get());
        }
    }

    /** Writes a block-unique pattern, checks it later: a block handed to two owners would be clobbered. */
    static void fill(PoolBlock b, long id) {
        for (int i = 0; i < b.size(); i++) {
            b.put(i, (byte) (id * 31 + i));
        }
    }

    static void check(PoolBlock b, long id) {
        for (int i = 0; i < b.size(); i++) {
            if (b.get(i) != (byte) (id * 31 + i)) {
                throw new AssertionError("block " + id + " clobbered at " + i);
            }
        }
    }

    @Test
    void allocFreeStormKeepsExactStatsAndNoSharedBlocks() throws Exception {
        for (PoolSelection selection : PoolSelection.values()) {
            try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.builder().selection(selection)
                    .threadCacheSize(8).build())) {
                int perThread = 3000;
                AtomicLong ids = new AtomicLong();
                runAll(THREADS, id -> {
                    java.util.Random r = new java.util.Random(id);
                    List<PoolBlock> held = new ArrayList<>();
                    List<Long> heldIds = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        if (held.size() < 20 && (held.isEmpty() || r.nextBoolean())) {
                            PoolBlock b = p.allocate(PoolType.values()[r.nextInt(3)], 1 + r.nextInt(600));
                            long bid = ids.incrementAndGet();
                            fill(b, bid);
                            held.add(b);
                            heldIds.add(bid);
                        } else {
                            int k = r.nextInt(held.size());
                            check(held.get(k), heldIds.get(k));
                            held.remove(k).close();
                            heldIds.remove(k);
                        }
                    }
                    for (int k = 0; k < held.size(); k++) {
                        check(held.get(k), heldIds.get(k));
                        held.get(k).close();
                    }
                });
                PoolStats total = p.totalStats();
                assertThat(total.allocations()).as(selection.name()).isEqualTo(ids.get());
                assertThat(total.frees()).isEqualTo(ids.get());
                assertThat(total.liveBlocks()).isZero();
                assertThat(total.liveBytes()).isZero();
                assertThat(total.reservedBytes()).isZero();
                assertThat(total.cacheHits() + total.cacheMisses()).isEqualTo(ids.get());
                assertThat(total.failures()).isZero();
            }
        }
    }

    @Test
    void crossThreadFreesAreCountedOnceAndBlocksStayIntact() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.builder().threadCacheSize(16).build())) {
            Queue<PoolBlock> handoff = new ConcurrentLinkedQueue<>();
            int produced = 20_000;
            AtomicInteger consumed = new AtomicInteger();
            runAll(THREADS, id -> {
                if (id % 2 == 0) { // producers
                    for (int i = 0; i < produced / 2; i++) {
                        PoolBlock b = p.allocate(PoolType.EVENT, 100);
                        b.put(0, (byte) 1);
                        b.put(99, (byte) 2);
                        handoff.add(b);
                    }
                } else { // consumers free what others allocated
                    while (consumed.get() < produced) {
                        PoolBlock b = handoff.poll();
                        if (b == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        if (b.get(0) != 1 || b.get(99) != 2 || b.get(50) != 0) {
                            throw new AssertionError("bad block content");
                        }
                        b.close();
                        consumed.incrementAndGet();
                    }
                }
            });
            PoolStats s = p.stats(PoolType.EVENT);
            assertThat(s.allocations()).isEqualTo(produced);
            assertThat(s.frees()).isEqualTo(produced);
            assertThat(s.liveBlocks()).isZero();
            assertThat(s.liveBytes()).isZero();
            assertThat(s.peakBytes()).isBetween(100L, 100L * produced);
            // budget: nothing held but what the consumers' caches keep
            assertThat(p.ledger().held(PoolType.EVENT.ordinal())).isLessThanOrEqualTo(2L * 16 * 128);
        }
    }

    @Test
    void concurrentCloseOfTheSameBlockFreesItExactlyOnce() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.defaults())) {
            int rounds = 2000;
            List<PoolBlock> blocks = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                blocks.add(p.allocate(PoolType.STRING, 64));
            }
            runAll(THREADS, id -> {
                for (PoolBlock b : blocks) {
                    b.close();
                }
            });
            PoolStats s = p.stats(PoolType.STRING);
            assertThat(s.frees()).isEqualTo(rounds);
            assertThat(s.liveBlocks()).isZero();
            // each slot is free exactly once: taking them all again yields distinct slots
            List<PoolBlock> again = new ArrayList<>();
            java.util.Set<SlotId> slots = new java.util.HashSet<>();
            for (int i = 0; i < rounds; i++) {
                PooledBlock b = (PooledBlock) p.allocate(PoolType.STRING, 64);
                assertThat(slots.add(SlotId.of(b))).isTrue();
                again.add(b);
            }
            again.forEach(PoolBlock::close);
        }
    }

    /** An access by the allocating thread (its own mark) and one by another thread (the shared count). */
    @org.junit.jupiter.params.ParameterizedTest(name = "access by the allocating thread: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void closeWaitsForAnAccessInFlightBeforeTheSlotCanBeReused(boolean byAllocator) throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.builder().threadCacheSize(0)
                .build())) {
            PooledBlock b = (PooledBlock) p.allocate(PoolType.TEMP, 16);
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch leave = new java.util.concurrent.CountDownLatch(1);
            Thread accessor = null;
            boolean owner = false;
            if (byAllocator) {
                owner = b.enter(); // an access is in progress (as inside get/put/read/write)
                assertThat(owner).isTrue();
            } else {
                accessor = new Thread(() -> {
                    boolean o = b.enter();
                    inside.countDown();
                    try {
                        leave.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    b.exit(o);
                });
                accessor.start();
                inside.await();
            }
            Thread closer = new Thread(b::close);
            closer.start();
            // the closer marks the block closed first, then waits for the access; give it time to get there
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!b.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            closer.join(100);
            // without the wait the slot would already be wiped and back in the pool for the next owner
            assertThat(closer.isAlive()).as("close returned while an access was in flight").isTrue();
            assertThat(b.slab.pool.outstanding()).isEqualTo(1);
            assertThat(b.isClosed()).isTrue();
            if (byAllocator) {
                b.exit(owner);
            } else {
                leave.countDown();
                accessor.join();
            }
            closer.join();
            assertThatThrownBy(() -> b.get(0)).isInstanceOf(IllegalStateException.class);
            assertThat(b.slab.pool.outstanding()).isZero();
            assertThat(p.stats(PoolType.TEMP).frees()).isEqualTo(1);
        }
    }

    @Test
    void closeRacingAccessNeverLeaksTheNextOwnersData() throws Exception {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.builder().threadCacheSize(0)
                .build())) {
            AtomicReference<PoolBlock> current = new AtomicReference<>();
            AtomicInteger stop = new AtomicInteger();
            AtomicLong secretsSeen = new AtomicLong();
            int rounds = 20_000;
            runAll(2, id -> {
                if (id == 0) { // owner: allocates, writes its marker, has the block closed under the reader
                    for (int i = 0; i < rounds; i++) {
                        PoolBlock b = p.allocate(PoolType.TEMP, 16, AllocationStrategy.PRIMARY_ONLY);
                        b.put(0, (byte) 0x11);
                        current.set(b);
                        b.close();
                        PoolBlock next = p.allocate(PoolType.TEMP, 16, AllocationStrategy.PRIMARY_ONLY);
                        next.put(0, (byte) 0x77); // the next owner's secret, possibly in the same slot
                        next.close();
                    }
                    stop.set(1);
                } else { // stale reader
                    while (stop.get() == 0) {
                        PoolBlock b = current.get();
                        if (b == null) {
                            continue;
                        }
                        try {
                            if (b.get(0) == 0x77) {
                                secretsSeen.incrementAndGet();
                            }
                        } catch (IllegalStateException closed) {
                            // the documented answer
                        }
                    }
                }
            });
            assertThat(secretsSeen.get()).isZero();
        }
    }

    @Test
    void closingTheSystemUnderLoadOnlyEverGivesIllegalStateOrBudgetErrors() throws Exception {
        for (int round = 0; round < 5; round++) {
            DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(PoolConfig.builder().build(),
                    new TestConfigs.RecordingLeakListener());
            AtomicInteger refused = new AtomicInteger();
            runAll(THREADS, id -> {
                if (id == 0) {
                    Thread.yield();
                    p.close();
                    return;
                }
                try {
                    for (int i = 0; i < 100_000; i++) {
                        PoolBlock b = p.allocate(PoolType.BUFFER, 1 + (i % 1000));
                        b.put(0, (byte) 1);
                        if (i % 3 != 0) {
                            b.close();
                        }
                    }
                } catch (IllegalStateException expected) {
                    refused.incrementAndGet();
                } catch (MemoryBudgetExceededException alsoFine) {
                    refused.incrementAndGet();
                }
            });
            // a second close from many threads at once is harmless
            runAll(THREADS, id -> p.close());
            assertThat(p.state()).isEqualTo(org.lle.memory.pool.MemoryState.SHUTDOWN);
        }
    }
}
