package org.lle.memory.secure.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.testsupport.KernelStatus;

/**
 * The broker against a model, by a seeded random runner: {@value #THREADS} threads run {@code lle.model.ops}
 * operations in all (default 1,000,000; seed {@code lle.model.seed}) on brokered buffers while providers are
 * bound and unbound among them: allocate (sizes at every power-of-two boundary, and now and then the current
 * maximum and one above it), bulk and single-byte writes and reads through arrays and direct buffers, whole
 * compares, closes by the owner, closes by another thread after a hand-off, use of stale (closed) handles.
 * The providers: the no-op provider (always registered, so every buffer always has a home), a second
 * degraded one, a non-degraded one that takes at most 4096 bytes, and the real POSIX provider.
 *
 * <p>Checked on every operation: no unexpected exception, contents equal the model, zero-fill on allocate, a
 * stale handle throws {@link IllegalStateException}. At the end: live buffers, swap count and the current
 * provider exactly as the model says, no buffer lost, and after every buffer is closed and the POSIX
 * provider closed, the process's locked memory (VmLck) back to its baseline.
 */
class BrokerModelTest {
    static final int THREADS = 4;
    private static final long OPS = Long.getLong("lle.model.ops", 1_000_000);
    private static final long SEED = Long.getLong("lle.model.seed", 20261127L);
    private static final int MAX_OWN = 24;
    private static final int[] SMALL;
    private static final int[] LARGE;

    static {
        List<Integer> small = new ArrayList<>(List.of(1, 2, 3));
        List<Integer> large = new ArrayList<>();
        for (int p = 4; p <= 65536; p <<= 1) {
            for (int s = p - 1; s <= p + 1; s++) {
                (s <= 4097 ? small : large).add(s);
            }
        }
        SMALL = small.stream().mapToInt(Integer::intValue).toArray();
        LARGE = large.stream().mapToInt(Integer::intValue).toArray();
    }

    private final HotSwapBroker broker = new HotSwapBroker();
    private final ConcurrentLinkedQueue<Held> handedOff = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong operations = new AtomicLong();
    private final Object swapLock = new Object();
    private final Swappable[] swappable = new Swappable[3];
    private long expectedSwaps;
    private String expectedCurrent = NoopSecureMemory.NAME;
    private long swapOps;

    /** A buffer and what it must hold. */
    private record Held(SecureBuffer buffer, byte[] expected) {
    }

    /** A provider the runner binds and unbinds. */
    private static final class Swappable {
        final String name;
        final SecureMemory memory;
        final ProviderTraits traits;
        boolean registered;

        Swappable(String name, SecureMemory memory, ProviderTraits traits) {
            this.name = name;
            this.memory = memory;
            this.traits = traits;
        }
    }

    @Test
    void randomOperationsOverFourThreadsWithSwapsMatchTheModel() throws Exception {
        long baseline = KernelStatus.vmLckBytes();
        PosixSecureMemory posix = new PosixSecureMemory(PosixSettings.defaults());
        broker.bind(new NoopSecureMemory(), new ProviderTraits(-1000, 1, true));
        swappable[0] = new Swappable("other-noop", new LimitedProvider("other-noop", NoopSecureMemory.MAX_ALLOCATION_SIZE,
                true), new ProviderTraits(0, 2, true));
        swappable[1] = new Swappable("small", new LimitedProvider("small", 4096, false), new ProviderTraits(500, 3, false));
        swappable[2] = new Swappable(PosixSecureMemory.NAME, posix, new ProviderTraits(1000, 4, false));
        swap(2);
        try (SecureBuffer probe = broker.allocate(64)) {
            assertThat(KernelStatus.vmLckBytes()).as("control: a POSIX buffer raises VmLck, so the final check can fail")
                    .isGreaterThan(baseline);
            assertThat(probe.isLocked()).isTrue();
        }

        List<Runner> runners = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Runner runner = new Runner(t, OPS / THREADS);
            runners.add(runner);
            Thread thread = new Thread(runner, "model-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }
        long nanos = System.nanoTime() - started;
        assertThat(failures).as("seed " + SEED).isEmpty();

        long modelLive = runners.stream().mapToLong(r -> r.own.size()).sum() + handedOff.size();
        assertThat(broker.liveBuffers()).as("live buffers").isEqualTo(modelLive);
        assertThat(broker.lostBuffers()).as("lost: the no-op provider could always hold every buffer").isZero();
        assertThat(broker.swapCount()).as("swaps").isEqualTo(expectedSwaps);
        assertThat(broker.info().provider()).isEqualTo(expectedCurrent);
        for (Runner runner : runners) {
            for (Held held : runner.own) {
                assertThat(held.buffer.contentEquals(held.expected)).isTrue();
                held.buffer.close();
            }
        }
        for (Held held : handedOff) {
            assertThat(held.buffer.contentEquals(held.expected)).isTrue();
            held.buffer.close();
        }
        assertThat(broker.liveBuffers()).isZero();
        for (int i = 0; i < swappable.length; i++) {
            if (swappable[i].registered) {
                swap(i);
            }
        }
        posix.close();
        assertThat(KernelStatus.vmLckBytes()).as("VmLck back to its baseline").isEqualTo(baseline);

        String report = String.format(Locale.ROOT, "broker model: %d operations over %d threads in %.1f s (%.0f ops/s), "
                + "%d bind/unbind operations, %d swaps, %d buffers moved (%d into degraded memory, %d out), %d moves "
                + "refused (buffer stayed), 0 lost, seed %d", operations.get(), THREADS, nanos / 1e9,
                operations.get() / (nanos / 1e9), swapOps, broker.swapCount(), broker.movedBuffers(),
                broker.movesIntoDegraded(), broker.movesOutOfDegraded(), broker.failedMoves(), SEED);
        System.out.println(report);
    }

    /** Binds swappable {@code i} if it is not registered, else unbinds it, and updates the model. */
    private void swap(int i) {
        synchronized (swapLock) {
            Swappable s = swappable[i];
            if (s.registered) {
                broker.unbind(s.memory);
            } else {
                broker.bind(s.memory, s.traits);
            }
            s.registered = !s.registered;
            swapOps++;
            String best = NoopSecureMemory.NAME;
            int bestRank = -1000;
            for (Swappable candidate : swappable) {
                if (candidate != null && candidate.registered && candidate.traits.ranking() > bestRank) {
                    best = candidate.name;
                    bestRank = candidate.traits.ranking();
                }
            }
            if (!best.equals(expectedCurrent)) {
                expectedSwaps++;
                expectedCurrent = best;
            }
        }
    }

    private final class Runner implements Runnable {
        final int id;
        final long ops;
        final SplittableRandom random;
        final List<Held> own = new ArrayList<>();
        final List<SecureBuffer> stale = new ArrayList<>();
        final ByteBuffer direct = ByteBuffer.allocateDirect(64);

        Runner(int id, long ops) {
            this.id = id;
            this.ops = ops;
            this.random = new SplittableRandom(SEED * 31 + id);
        }

        @Override
        public void run() {
            long op = 0;
            try {
                for (; op < ops; op++) {
                    step(random.nextInt(4000));
                    operations.incrementAndGet();
                }
            } catch (Throwable t) {
                failures.add("thread " + id + " op " + op + ": " + t + " " + Arrays.toString(t.getStackTrace()));
            }
        }

        private void step(int r) {
            if (r == 0) {
                swap(random.nextInt(swappable.length));
            } else if (r == 1) {
                allocateAtTheLimit();
            } else if (r < 240 || own.isEmpty()) {
                if (own.size() < MAX_OWN) {
                    allocate(random.nextInt(10) == 0 ? LARGE[random.nextInt(LARGE.length)]
                            : SMALL[random.nextInt(SMALL.length)]);
                } else {
                    closeOwn();
                }
            } else if (r < 360) {
                closeOwn();
            } else if (r < 400) {
                handedOff.add(own.remove(random.nextInt(own.size())));
            } else if (r < 440) {
                takeHandedOff();
            } else if (r < 520) {
                useStale();
            } else if (r < 2200) {
                write(own.get(random.nextInt(own.size())));
            } else {
                read(own.get(random.nextInt(own.size())));
            }
        }

        private void allocate(int size) {
            SecureBuffer buffer;
            try {
                buffer = broker.allocate(size);
            } catch (IllegalArgumentException e) {
                // the current provider is the small one (4096) or POSIX, whose limit may be below this size
                check(size > 4096 && e.getMessage().contains(String.valueOf(size)), "allocate(" + size + "): " + e);
                return;
            }
            byte[] zero = new byte[size];
            check(buffer.contentEquals(zero), "a new buffer of " + size + " bytes is not zero-filled");
            own.add(new Held(buffer, zero));
        }

        /** The current maximum (or one above it) exactly: allocated, checked at both ends, closed again. */
        private void allocateAtTheLimit() {
            if (random.nextInt(20) != 0) {
                return;
            }
            int max = broker.maxAllocationSize();
            int size = random.nextBoolean() ? max : max + 1;
            SecureBuffer buffer;
            try {
                buffer = broker.allocate(size);
            } catch (IllegalArgumentException e) {
                return; // above the limit of the provider current at the call (it may have changed since)
            }
            try (buffer) {
                check(buffer.size() == size, "size");
                for (int at : new int[] {0, size / 2, size - 1}) {
                    check(buffer.get(at) == 0, "a new buffer of " + size + " bytes is not zero at " + at);
                }
                buffer.put(size - 1, (byte) 9);
                check(buffer.get(size - 1) == 9, "the last byte of " + size);
            }
        }

        private void closeOwn() {
            if (own.isEmpty()) {
                return;
            }
            Held held = own.remove(random.nextInt(own.size()));
            check(held.buffer.contentEquals(held.expected), "contents before close");
            held.buffer.close();
            remember(held.buffer);
        }

        private void takeHandedOff() {
            Held held = handedOff.poll();
            if (held == null) {
                return;
            }
            check(held.buffer.contentEquals(held.expected), "contents of a buffer handed to another thread");
            held.buffer.close();
            held.buffer.close(); // idempotent
            remember(held.buffer);
        }

        private void remember(SecureBuffer closed) {
            if (stale.size() == 8) {
                stale.remove(0);
            }
            stale.add(closed);
        }

        private void useStale() {
            if (stale.isEmpty()) {
                return;
            }
            SecureBuffer buffer = stale.get(random.nextInt(stale.size()));
            check(buffer.isClosed(), "a closed handle says it is open");
            try {
                switch (random.nextInt(4)) {
                    case 0 -> buffer.get(0);
                    case 1 -> buffer.put(0, (byte) 1);
                    case 2 -> buffer.write(0, new byte[1], 0, 1);
                    default -> buffer.read(0, ByteBuffer.allocate(1));
                }
                check(false, "a stale handle gave access");
            } catch (IllegalStateException expected) {
                // documented
            }
        }

        private void write(Held held) {
            byte[] want = held.expected;
            int length = 1 + random.nextInt(Math.min(64, want.length));
            int at = random.nextInt(want.length - length + 1);
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte value = (byte) random.nextInt();
                    held.buffer.put(at, value);
                    want[at] = value;
                }
                case 1 -> {
                    byte[] bytes = new byte[length];
                    random.nextBytes(bytes);
                    held.buffer.write(at, bytes, 0, length);
                    System.arraycopy(bytes, 0, want, at, length);
                }
                default -> {
                    direct.clear().limit(length);
                    for (int i = 0; i < length; i++) {
                        direct.put(i, (byte) random.nextInt());
                    }
                    held.buffer.write(at, direct);
                    check(direct.position() == length, "write(ByteBuffer) advances the position");
                    direct.get(0, want, at, length);
                }
            }
        }

        private void read(Held held) {
            byte[] want = held.expected;
            int length = 1 + random.nextInt(Math.min(64, want.length));
            int at = random.nextInt(want.length - length + 1);
            switch (random.nextInt(4)) {
                case 0 -> check(held.buffer.get(at) == want[at], "get");
                case 1 -> {
                    byte[] back = new byte[length];
                    held.buffer.read(at, back, 0, length);
                    check(Arrays.equals(back, 0, length, want, at, at + length), "read");
                }
                case 2 -> {
                    direct.clear().limit(length);
                    held.buffer.read(at, direct);
                    for (int i = 0; i < length; i++) {
                        check(direct.get(i) == want[at + i], "read(ByteBuffer)");
                    }
                }
                default -> check(want.length > 4097 || held.buffer.contentEquals(want), "contentEquals");
            }
        }

        private void check(boolean ok, String what) {
            if (!ok) {
                throw new AssertionError(what);
            }
        }
    }
}
