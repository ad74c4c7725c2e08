package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;

/**
 * The region calls against a caller that changes the buffer's position and limit while the call runs
 * (misuse, but it must never reach memory outside the buffer): {@code secureClear} of a heap slice never
 * zeroes a byte of the backing array outside the slice's window, of a direct slice never a byte outside the
 * slice, and never throws (SUCCESS, or INVALID_PARAMETER when the pair it read was empty). Each case races
 * for at most {@link #RACE_NANOS} or {@link #ITERATIONS} calls.
 */
public abstract class RegionRaceContract {
    /** Upper bound of one race: a few seconds in all over the cases of this class. */
    protected static final long RACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    protected static final int ITERATIONS = 2_000_000;
    private static final int WINDOW = 256;
    private static final byte SENTINEL = 0x55;

    /** @return the provider under test */
    protected abstract SecureMemory memory();

    @Test
    void secureClearOfAHeapSliceNeverWipesOutsideTheSlice() throws Exception {
        byte[] backing = new byte[3 * WINDOW];
        ByteBuffer slice = ByteBuffer.wrap(backing, WINDOW, WINDOW).slice();
        raceClears(slice, () -> {
            for (int i = 0; i < WINDOW; i++) {
                if (backing[i] != SENTINEL || backing[2 * WINDOW + i] != SENTINEL) {
                    return "byte " + (i < WINDOW && backing[i] != SENTINEL ? i : 2 * WINDOW + i)
                            + " of the backing array, outside the slice " + WINDOW + ".." + (2 * WINDOW) + ", was zeroed";
                }
            }
            return null;
        }, () -> {
            Arrays.fill(backing, 0, WINDOW, SENTINEL);
            Arrays.fill(backing, 2 * WINDOW, 3 * WINDOW, SENTINEL);
        });
    }

    @Test
    void secureClearOfADirectSliceNeverWipesOutsideTheSlice() throws Exception {
        ByteBuffer whole = ByteBuffer.allocateDirect(3 * WINDOW);
        ByteBuffer slice = whole.slice(WINDOW, WINDOW);
        raceClears(slice, () -> {
            for (int i = 0; i < WINDOW; i++) {
                if (whole.get(i) != SENTINEL || whole.get(2 * WINDOW + i) != SENTINEL) {
                    return "a byte of the direct buffer outside the slice " + WINDOW + ".." + (2 * WINDOW)
                            + " was zeroed";
                }
            }
            return null;
        }, () -> {
            for (int i = 0; i < WINDOW; i++) {
                whole.put(i, SENTINEL);
                whole.put(2 * WINDOW + i, SENTINEL);
            }
        });
    }

    private void raceClears(ByteBuffer slice, java.util.function.Supplier<String> outsideCheck, Runnable fill)
            throws InterruptedException {
        fill.run();
        SecureMemory memory = memory();
        try (Flipper flipper = Flipper.start(slice, 0, 8, WINDOW - 8, WINDOW)) {
            long deadline = System.nanoTime() + RACE_NANOS;
            for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
                SecureResult result;
                try {
                    result = memory.secureClear(slice);
                } catch (RuntimeException e) {
                    throw new AssertionError("secureClear threw on iteration " + i + " instead of returning a result", e);
                }
                // a (position, limit) pair read across two states of the flipper may be empty: INVALID_PARAMETER
                assertThat(result).isIn(SecureResult.SUCCESS, SecureResult.INVALID_PARAMETER);
                String outside = outsideCheck.get();
                assertThat(outside).as("iteration %d", i).isNull();
            }
        }
    }

    /**
     * A thread flipping {@code buffer} between the windows (p1, l1) and (p2, l2), every intermediate state
     * valid (position never above limit). {@link #close()} stops it and rethrows anything it threw.
     */
    public static final class Flipper implements AutoCloseable {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;

        private Flipper(ByteBuffer buffer, int p1, int l1, int p2, int l2) {
            thread = new Thread(() -> {
                try {
                    while (!stop) {
                        buffer.position(0);
                        buffer.limit(l1);
                        buffer.position(p1);
                        buffer.limit(l2);
                        buffer.position(p2);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "position-limit-flipper");
            thread.setDaemon(true);
        }

        /** Starts flipping {@code buffer} between (p1, l1) and (p2, l2), with p1 < l1 <= p2 < l2. */
        public static Flipper start(ByteBuffer buffer, int p1, int l1, int p2, int l2) {
            buffer.limit(l2).position(p2);
            Flipper flipper = new Flipper(buffer, p1, l1, p2, l2);
            flipper.thread.start();
            return flipper;
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).as("flipper stopped").isFalse();
            assertThat(failure.get()).as("the flipper itself failed").isNull();
        }
    }
}
