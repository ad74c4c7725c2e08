package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.testsupport.KernelStatus;

/** Many threads allocating and closing; provider shutdown under load: only IllegalStateException, no crash. */
class ArenaConcurrencyTest {

    @Test
    void threadsAllocateWriteVerifyAndCloseWithoutSeeingEachOthersBytes() throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            long baseline = KernelStatus.vmLckBytes();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    byte mark = (byte) (t + 1);
                    results.add(pool.submit(() -> allocateVerifyClose(memory, mark)));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo(20_000);
                }
            } finally {
                pool.shutdownNow();
            }
            memory.trim();
            assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        }
    }

    private static int allocateVerifyClose(PosixSecureMemory memory, byte mark) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<SecureBuffer> mine = new ArrayList<>();
        int verified = 0;
        for (int i = 0; i < 20_000; i++) {
            int size = 1 + random.nextInt(200);
            SecureBuffer buffer = memory.allocate(size);
            byte[] content = new byte[size];
            Arrays.fill(content, mark);
            buffer.write(0, content, 0, size);
            mine.add(buffer);
            if (mine.size() > 50 || random.nextBoolean()) {
                SecureBuffer old = mine.remove(random.nextInt(mine.size()));
                byte[] expected = new byte[old.size()];
                Arrays.fill(expected, mark);
                if (!old.contentEquals(expected)) {
                    throw new AssertionError("another thread's bytes in " + old);
                }
                old.close();
                verified++;
            }
        }
        for (SecureBuffer buffer : mine) {
            buffer.close();
            verified++;
        }
        return verified;
    }

    @Test
    void buffersWhoseChunkWasUnmappedOnlyThrowIllegalState() throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            for (int round = 0; round < 50; round++) {
                SecureBuffer buffer = memory.allocate(48);
                assertThat(KernelSmaps.isNotDumpedNorForked(((ArenaBuffer) buffer).slot().address())).as("control").isTrue();
                long data = ((ArenaBuffer) buffer).slot().chunk.memory.data;
                CountDownLatch started = new CountDownLatch(2);
                List<Thread> users = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Thread user = new Thread(() -> {
                        started.countDown();
                        try {
                            while (true) {
                                buffer.put(1, (byte) 2);
                                buffer.write(0, new byte[48], 0, 48);
                                buffer.get(47);
                            }
                        } catch (IllegalStateException expected) {
                            // closed under us
                        } catch (Throwable other) {
                            unexpected.add(other);
                        }
                    });
                    users.add(user);
                    user.start();
                }
                started.await();
                buffer.close();
                memory.trim(); // the chunk goes back to the kernel while the users may still be calling
                assertThat(memory.chunkCount()).isZero();
                assertThat(KernelSmaps.isNotDumpedNorForked(data)).as("the chunk really left the process").isFalse();
                for (Thread user : users) {
                    user.join(10_000);
                    assertThat(user.isAlive()).isFalse();
                }
                assertThatThrownBy(() -> buffer.get(0)).isInstanceOf(IllegalStateException.class);
            }
            assertThat(unexpected).isEmpty();
        }
    }

    @Test
    void providerShutdownUnderLoadClosesEverythingAndOnlyThrowsIllegalState() throws Exception {
        PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults());
        long baseline = KernelStatus.vmLckBytes();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<SecureBuffer> handedOut = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(4);
        List<Thread> users = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread user = new Thread(() -> {
                running.countDown();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    try {
                        SecureBuffer buffer = memory.allocate(1 + random.nextInt(300));
                        handedOut.add(buffer);
                        buffer.put(0, (byte) 1);
                        buffer.write(0, new byte[buffer.size()], 0, buffer.size());
                        buffer.get(buffer.size() - 1);
                        if (random.nextBoolean()) {
                            buffer.close();
                        }
                    } catch (IllegalStateException expected) {
                        // the provider or the buffer was closed under us: the documented outcome
                    } catch (Throwable t2) {
                        unexpected.add(t2);
                    }
                }
            }, "user-" + t);
            users.add(user);
            user.start();
        }
        running.await();
        Thread.sleep(300);
        memory.close();
        Thread.sleep(100);
        stop.set(true);
        for (Thread user : users) {
            user.join(30_000);
            assertThat(user.isAlive()).isFalse();
        }
        assertThat(unexpected).isEmpty();
        assertThat(handedOut).isNotEmpty().allMatch(SecureBuffer::isClosed);
        assertThat(KernelStatus.vmLckBytes()).isEqualTo(baseline);
        assertThat(memory.chunkCount()).isZero();
    }
}
