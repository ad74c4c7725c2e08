package org.lle.memory.secure.posix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Item 6 of issue 9: a Throwable inside close() must not leave the slot CLOSING and its secret unwiped. */
class ArenaSlotCloseFaultTest {

    @AfterEach
    void removeHook() {
        ArenaSlot.closeFaultForTest = null;
    }

    @Test
    void aThrowableInTheFirstCloseLeavesASecondCloseFromAnotherThreadToFinishTheWipe() throws Exception {
        // closed only when the test passes: before the fix the provider's shutdown would spin on the slot too
        PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults());
        {
            ArenaBuffer keepsTheChunkMapped = (ArenaBuffer) memory.allocate(40);
            ArenaBuffer victim = (ArenaBuffer) memory.allocate(40);
            byte[] secret = new byte[40];
            Arrays.fill(secret, (byte) 0x5A);
            victim.write(0, secret, 0, secret.length);
            long address = victim.slot().address();
            AtomicInteger faults = new AtomicInteger();
            ArenaSlot.closeFaultForTest = () -> {
                if (faults.getAndIncrement() == 0) {
                    throw new StackOverflowError("injected into close");
                }
            };

            assertThatThrownBy(victim::close).isInstanceOf(StackOverflowError.class);

            CompletableFuture<Void> second = CompletableFuture.runAsync(victim::close);
            second.get(20, TimeUnit.SECONDS); // before the fix: spins forever on CLOSING
            assertThat(victim.isClosed()).isTrue();
            assertThat(new Pointer(address).getByteArray(0, 40)).as("the secret is wiped").isEqualTo(new byte[40]);
            assertThat(keepsTheChunkMapped.isClosed()).isFalse();
            keepsTheChunkMapped.close();
        }
        memory.close();
    }

    @Test
    void aCloserWaitingForAStuckCloserGivesUpWithAClearException() throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            ArenaBuffer buffer = (ArenaBuffer) memory.allocate(24);
            java.util.concurrent.CountDownLatch inClose = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ArenaSlot.closeFaultForTest = () -> {
                inClose.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            CompletableFuture<Void> stuck = CompletableFuture.runAsync(buffer::close);
            assertThat(inClose.await(20, TimeUnit.SECONDS)).isTrue();
            ArenaSlot.closeFaultForTest = null;
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(200);
            assertThatThrownBy(() -> buffer.slot().close(waitNanos)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another thread has been closing");
            release.countDown();
            stuck.get(20, TimeUnit.SECONDS);
            assertThat(buffer.isClosed()).isTrue();
        }
    }
}
