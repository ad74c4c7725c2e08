package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.testsupport.KernelStatus;

/**
 * Chunks are mapped with no class monitor held and a failing lock takes every class's spare back: four threads
 * allocate, fill, verify and close buffers of every size up to 200,000 bytes (arena classes and dedicated
 * mappings) under an idle budget (a limit of 2 MiB as the arena sees it) while a fifth keeps giving the spares
 * back. Nothing may throw, no buffer may see another's bytes, and everything is unlocked at the end.
 */
class SpareReclaimConcurrencyTest {
    private static final int OPS_PER_THREAD = 3_000;

    @Test
    void allocatingClosingAndReclaimingFromManyThreadsKeepsEveryBufferIntact() throws Exception {
        long baseline = KernelStatus.vmLckBytes();
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults(),
                IdleLockedMemoryTest.limitedTo(2L * 1024 * 1024))) {
            ExecutorService pool = Executors.newFixedThreadPool(5);
            AtomicBoolean running = new AtomicBoolean(true);
            try {
                Future<Integer> trimmer = pool.submit(() -> {
                    int trims = 0;
                    while (running.get()) {
                        memory.trim();
                        trims++;
                        Thread.yield();
                    }
                    return trims;
                });
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    byte mark = (byte) (t + 1);
                    workers.add(pool.submit(() -> work(memory, mark)));
                }
                for (Future<Integer> worker : workers) {
                    assertThat(worker.get(120, TimeUnit.SECONDS)).isEqualTo(OPS_PER_THREAD);
                }
                running.set(false);
                assertThat(trimmer.get(30, TimeUnit.SECONDS)).isPositive();
            } finally {
                running.set(false);
                pool.shutdownNow();
            }
            assertThat(memory.info().idleLockedBytes()).isLessThanOrEqualTo(memory.idleLockedBudget());
            memory.trim();
            assertThat(memory.info().idleLockedBytes()).isZero();
            assertThat(memory.info().lockedBytes()).isZero();
            assertThat(memory.chunkCount()).isZero();
        }
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
    }

    private static int work(PosixSecureMemory memory, byte mark) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<SecureBuffer> held = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            int size = random.nextInt(8) == 0 ? 65_537 + random.nextInt(135_000) : 1 + random.nextInt(4096);
            SecureBuffer buffer = memory.allocate(size);
            assertThat(buffer.get(size - 1)).as("zero-filled").isZero();
            byte[] fill = new byte[size];
            Arrays.fill(fill, mark);
            buffer.write(0, fill, 0, size);
            held.add(buffer);
            if (held.size() > 8 || random.nextBoolean()) {
                SecureBuffer old = held.remove(random.nextInt(held.size()));
                byte[] expected = new byte[old.size()];
                Arrays.fill(expected, mark);
                assertThat(old.contentEquals(expected)).as("no other thread's bytes").isTrue();
                assertThat(old.isLocked()).isTrue();
                old.close();
            }
            done++;
        }
        held.forEach(SecureBuffer::close);
        return done;
    }
}
