package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.testkit.RecordingSecureMemory;

/**
 * Swaps providers many times while threads write, read and allocate. Every buffer always holds one generation's
 * byte in every position, so a read that sees two different values was torn and a read of zeros saw a wipe.
 */
class HotSwapUnderLoadTest {
    private static final int SWAPS = 200;
    private static final int OWNERS = 2;
    private static final int[] SIZES = {1, 17, 256, 257, 4096};

    private final HotSwapBroker broker = new HotSwapBroker();
    private final RecordingSecureMemory a = new RecordingSecureMemory("a");
    private final RecordingSecureMemory b = new RecordingSecureMemory("b");
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong checkedReads = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    /**
     * The buffers the test keeps, held strongly to its end: a thread that ended drops its task (and with it the
     * task's buffers), and the broker's cleaner would then wipe and close them as leaked before the counts are
     * checked.
     */
    private final List<SecureBuffer> kept = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
    }

    @Test
    void manySwapsUnderLoadLoseNothingTearNothingAndLeaveNothingUnwiped() throws InterruptedException {
        broker.bind(a);
        SecureBuffer shared = broker.allocate(1024);
        kept.add(shared);
        fill(shared, 1);
        start("shared-writer", () -> ownerLoop(List.of(shared)));
        start("shared-reader", () -> readerLoop(shared));
        for (int t = 0; t < OWNERS; t++) {
            List<SecureBuffer> own = new ArrayList<>();
            for (int size : SIZES) {
                own.add(broker.allocate(size));
            }
            kept.addAll(own);
            start("owner-" + t, () -> ownerLoop(own));
        }
        start("allocator", this::allocatorLoop);
        int persistent = 1 + OWNERS * SIZES.length;

        long[] swapNanos = new long[SWAPS];
        RecordingSecureMemory from = a;
        for (int swap = 0; swap < SWAPS; swap++) {
            RecordingSecureMemory to = from == a ? b : a;
            long began = System.nanoTime();
            broker.bind(to);
            swapNanos[swap] = System.nanoTime() - began;
            broker.unbind(from);
            from = to;
            Thread.sleep(1);
        }
        stopThreads();

        assertThat(failures).as("torn, wiped or unexpected results").isEmpty();
        assertThat(checkedReads.get()).as("reads checked").isGreaterThan(SWAPS);
        assertThat(allocations.get()).as("allocations during swaps").isPositive();
        assertThat(broker.swapCount()).isEqualTo(SWAPS);
        assertThat(broker.failedMoves()).isZero();
        assertThat(broker.liveBuffers()).isEqualTo(persistent);
        assertThat(broker.movedBuffers()).isBetween((long) persistent * SWAPS, (long) (persistent + 1) * SWAPS);
        RecordingSecureMemory idle = from == a ? b : a;
        assertThat(idle.openBuffers()).as("nothing left in the provider that went away").isZero();
        assertThat(from.openBuffers()).isEqualTo(persistent);
        assertThat(a.closedButNotWiped()).isEmpty();
        assertThat(b.closedButNotWiped()).isEmpty();
        java.util.Arrays.sort(swapNanos);
        System.out.printf("hot swap under load: %d swaps, %d buffers moved, %d allocations, %d reads checked; "
                + "bind() took median %.1f us, max %.1f us%n", broker.swapCount(), broker.movedBuffers(),
                allocations.get(), checkedReads.get(), swapNanos[SWAPS / 2] / 1e3, swapNanos[SWAPS - 1] / 1e3);
    }

    @Test
    void theLastProviderGoingAwayUnderLoadOnlyEverGivesTheDocumentedException() throws InterruptedException {
        broker.bind(a);
        for (int t = 0; t < OWNERS; t++) {
            List<SecureBuffer> own = new ArrayList<>();
            for (int size : SIZES) {
                own.add(broker.allocate(size));
            }
            start("owner-" + t, () -> ownerLoop(own));
        }
        while (checkedReads.get() < 100 && failures.isEmpty()) {
            Thread.onSpinWait();
        }
        broker.unbind(a);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).as("owner stopped by the documented exception").isFalse();
        }
        assertThat(failures).isEmpty();
        assertThat(broker.liveBuffers()).isZero();
        assertThat(a.openBuffers()).isZero();
        assertThat(a.closedButNotWiped()).isEmpty();
    }

    @Test
    void controlACopyWithoutTheBufferLockTearsAndTheCheckSeesIt() throws InterruptedException {
        // the same chunked copy a migration makes, but without the exclusive lock, while a writer writes
        SecureBuffer source = a.allocate(4096);
        SecureBuffer target = b.allocate(4096);
        fill(source, 1);
        start("writer", () -> ownerLoop(List.of(source)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean torn = false;
        while (!torn && System.nanoTime() < deadline) {
            try (Transfer transfer = new LockedScratchTransfer().open(List.of(b))) {
                transfer.copy(source, target);
            }
            byte[] copy = new byte[4096];
            target.read(0, copy, 0, copy.length);
            torn = inconsistency(copy, 0) != null;
        }
        assertThat(torn).as("an unlocked copy under writes must tear, or the load test could not see tearing")
                .isTrue();
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        threads.add(thread);
        thread.start();
    }

    /** Writes a new generation into each buffer and checks it reads back whole; ends when the buffers close. */
    private void ownerLoop(List<SecureBuffer> buffers) {
        try {
            for (int generation = 2; !stop.get(); generation = generation % 255 + 1) {
                for (SecureBuffer buffer : buffers) {
                    fill(buffer, generation);
                    check(buffer, generation);
                }
            }
        } catch (IllegalStateException e) {
            if (!e.getMessage().startsWith(BrokeredBuffer.PROVIDER_GONE)) {
                failures.add(Thread.currentThread().getName() + ": " + e);
            }
        } catch (RuntimeException | AssertionError e) {
            failures.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    private void readerLoop(SecureBuffer buffer) {
        try {
            while (!stop.get()) {
                check(buffer, 0);
            }
        } catch (RuntimeException e) {
            failures.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    private void allocatorLoop() {
        try {
            for (int generation = 1; !stop.get(); generation = generation % 255 + 1) {
                try (SecureBuffer buffer = broker.allocate(300)) {
                    fill(buffer, generation);
                    check(buffer, generation);
                    allocations.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            failures.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    private static void fill(SecureBuffer buffer, int generation) {
        byte[] bytes = new byte[buffer.size()];
        java.util.Arrays.fill(bytes, (byte) generation);
        buffer.write(0, bytes, 0, bytes.length);
    }

    /** Checks one whole read: every byte the same non-zero value ({@code expected}, unless 0 = any). */
    private void check(SecureBuffer buffer, int expected) {
        byte[] bytes = new byte[buffer.size()];
        buffer.read(0, bytes, 0, bytes.length);
        String problem = inconsistency(bytes, expected);
        if (problem != null) {
            failures.add(Thread.currentThread().getName() + ": " + problem);
        } else {
            checkedReads.incrementAndGet();
        }
    }

    /** @return what is wrong with a read (torn: two values; wiped: zero; stale: not {@code expected}), or null */
    private static String inconsistency(byte[] bytes, int expected) {
        byte first = bytes[0];
        for (byte value : bytes) {
            if (value != first || value == 0 || (expected != 0 && value != (byte) expected)) {
                return "inconsistent read of " + bytes.length + " bytes: first " + first + ", saw " + value
                        + ", expected " + (expected == 0 ? "any one non-zero value" : expected);
            }
        }
        return null;
    }
}
