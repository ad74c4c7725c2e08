package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The page table's stripe lock: exclusive, and a waiter gets it once the holder leaves. */
class StripeLockTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 200_000;

    private final StripeLock lock = new StripeLock();
    private long counter; // guarded by lock: plain, so lost updates would show

    @Test
    void incrementsUnderTheLockAreNeverLost() throws Exception {
        Thread[] threads = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            threads[i] = new Thread(() -> {
                for (int r = 0; r < ROUNDS; r++) {
                    lock.lock();
                    try {
                        counter++;
                    } finally {
                        lock.unlock();
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(counter).isEqualTo((long) THREADS * ROUNDS);
        assertThat(lock.isHeld()).isFalse();
    }

    @Test
    void aWaiterGetsTheLockOnlyAfterTheHolderLeaves() throws Exception {
        lock.lock();
        AtomicBoolean acquired = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            lock.lock();
            acquired.set(true);
            lock.unlock();
            done.countDown();
        });
        waiter.start();
        assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("the waiter got a held lock").isFalse();
        assertThat(acquired).isFalse();
        lock.unlock();
        assertThat(done.await(10, TimeUnit.SECONDS)).as("the waiter got the lock once it was left").isTrue();
        assertThat(acquired).isTrue();
        waiter.join();
    }
}
