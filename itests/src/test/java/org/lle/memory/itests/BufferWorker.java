package org.lle.memory.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * One thread's share of the load: it owns a few buffers, keeps writing fresh random patterns into them and
 * reading them back, and re-checks every buffer it is not writing against the last pattern it wrote there.
 * Any mismatch (torn, wiped or lost data) or any exception is recorded as the first failure.
 */
final class BufferWorker implements Runnable {
    private final List<SecureBuffer> buffers = new ArrayList<>();
    private final List<byte[]> expected = new ArrayList<>();
    private final SplittableRandom random;
    private final AtomicBoolean running;
    private volatile long operations;
    private volatile long maxRoundNanos;
    private volatile Throwable failure;

    BufferWorker(SecureMemory memory, int[] sizes, long seed, AtomicBoolean running) {
        this.random = new SplittableRandom(seed);
        this.running = running;
        for (int size : sizes) {
            SecureBuffer buffer = memory.allocate(size);
            byte[] pattern = pattern(size);
            buffer.write(0, pattern, 0, size);
            buffers.add(buffer);
            expected.add(pattern);
        }
    }

    @Override
    public void run() {
        try {
            int i = 0;
            while (running.get()) {
                long start = System.nanoTime();
                int index = i++ % buffers.size();
                SecureBuffer buffer = buffers.get(index);
                byte[] pattern = pattern(buffer.size());
                buffer.write(0, pattern, 0, pattern.length);
                expected.set(index, pattern);
                byte[] back = new byte[pattern.length];
                buffer.read(0, back, 0, back.length);
                check(index, back);
                // single-byte path too
                int at = random.nextInt(pattern.length);
                if (buffer.get(at) != pattern[at]) {
                    throw new AssertionError("buffer " + index + " byte " + at + " changed under its owner");
                }
                verifyAll();
                operations++;
                maxRoundNanos = Math.max(maxRoundNanos, System.nanoTime() - start);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Checks every buffer against its last written pattern. */
    void verifyAll() {
        for (int i = 0; i < buffers.size(); i++) {
            if (!buffers.get(i).contentEquals(expected.get(i))) {
                byte[] actual = new byte[expected.get(i).length];
                buffers.get(i).read(0, actual, 0, actual.length);
                check(i, actual);
                throw new AssertionError("buffer " + i + ": contentEquals false but read back equal");
            }
        }
    }

    private void check(int index, byte[] actual) {
        byte[] want = expected.get(index);
        for (int j = 0; j < want.length; j++) {
            if (actual[j] != want[j]) {
                throw new AssertionError("buffer " + index + " (" + want.length + " B) differs at " + j
                        + ": wrote " + want[j] + ", read " + actual[j]);
            }
        }
    }

    private byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int j = 0; j < size; j++) {
            bytes[j] = (byte) (1 + random.nextInt(255)); // never 0: a wiped byte cannot pass for data
        }
        return bytes;
    }

    List<SecureBuffer> buffers() {
        return buffers;
    }

    long operations() {
        return operations;
    }

    /** @return the longest single write/read/verify round: how long a swap can hold up a buffer user */
    long maxRoundNanos() {
        return maxRoundNanos;
    }

    Throwable failure() {
        return failure;
    }

    void closeAll() {
        buffers.forEach(SecureBuffer::close);
    }
}
