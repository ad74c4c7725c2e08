package org.lle.memory.itests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryBroker;

/**
 * One thread of the swap storm: it owns buffers of many sizes and, until told to stop, writes fresh random
 * bytes into them (a window of at most {@value #WINDOW} bytes for the large ones), reads them back, re-checks
 * a whole buffer against what it last wrote, and now and then allocates a fresh buffer, checks that it is all
 * zero and closes it. Each problem is counted by kind: lost (a buffer closed under its owner), torn (bytes
 * differ from the last write), unwiped (a fresh buffer that is not zero), error (any other throwable).
 */
final class StormWorker implements Runnable {
    static final int WINDOW = 4096;

    private final SecureMemoryBroker broker;
    private final List<SecureBuffer> buffers = new ArrayList<>();
    private final List<byte[]> expected = new ArrayList<>();
    private final int[] freshSizes;
    private final SplittableRandom random;
    private final AtomicBoolean running;
    private volatile long rounds;
    private volatile long freshChecked;
    private volatile long lost;
    private volatile long torn;
    private volatile long unwiped;
    private volatile long errors;
    private volatile String firstProblem;

    StormWorker(SecureMemoryBroker broker, int[] sizes, int[] freshSizes, long seed, AtomicBoolean running) {
        this.broker = broker;
        this.freshSizes = freshSizes;
        this.random = new SplittableRandom(seed);
        this.running = running;
        for (int size : sizes) {
            SecureBuffer buffer = broker.allocate(size);
            byte[] bytes = new byte[size];
            fillRandom(bytes, 0, size);
            buffer.write(0, bytes, 0, size);
            buffers.add(buffer);
            expected.add(bytes);
        }
    }

    @Override
    public void run() {
        int i = 0;
        while (running.get()) {
            try {
                int index = i++ % buffers.size();
                writeAndCheck(index);
                verify(random.nextInt(buffers.size()));
                if (i % 16 == 0) {
                    fresh();
                }
                rounds++;
            } catch (IllegalStateException e) {
                lost++;
                problem("lost: " + e.getMessage());
            } catch (Throwable t) {
                errors++;
                problem("error: " + t);
            }
        }
    }

    private void writeAndCheck(int index) {
        SecureBuffer buffer = buffers.get(index);
        byte[] want = expected.get(index);
        int length = Math.min(WINDOW, want.length);
        int at = want.length == length ? 0 : random.nextInt(want.length - length + 1);
        fillRandom(want, at, length);
        buffer.write(at, want, at, length);
        byte[] back = new byte[length];
        buffer.read(at, back, 0, length);
        if (!Arrays.equals(back, 0, length, want, at, at + length)) {
            torn++;
            problem("torn: buffer of " + want.length + " bytes read back differs at " + at);
        }
    }

    void verify(int index) {
        if (!buffers.get(index).contentEquals(expected.get(index))) {
            torn++;
            problem("torn: buffer of " + expected.get(index).length + " bytes differs from its last write");
        }
    }

    private void fresh() {
        int size = freshSizes[random.nextInt(freshSizes.length)];
        try (SecureBuffer buffer = broker.allocate(size)) {
            if (!buffer.contentEquals(new byte[size])) {
                unwiped++;
                problem("unwiped: a fresh buffer of " + size + " bytes is not all zero");
            }
            byte[] bytes = new byte[size];
            fillRandom(bytes, 0, size);
            buffer.write(0, bytes, 0, size);
            freshChecked++;
        }
    }

    private void fillRandom(byte[] bytes, int from, int length) {
        for (int j = from; j < from + length; j++) {
            bytes[j] = (byte) (1 + random.nextInt(255)); // never 0: a wiped byte cannot pass for data
        }
    }

    private void problem(String what) {
        if (firstProblem == null) {
            firstProblem = Thread.currentThread().getName() + " " + what;
        }
    }

    /** Checks every buffer once more (after the storm, from the test thread). */
    void verifyAll() {
        for (int i = 0; i < buffers.size(); i++) {
            verify(i);
        }
    }

    void closeAll() {
        buffers.forEach(SecureBuffer::close);
    }

    List<SecureBuffer> buffers() {
        return buffers;
    }

    long rounds() {
        return rounds;
    }

    long freshChecked() {
        return freshChecked;
    }

    long lost() {
        return lost;
    }

    long torn() {
        return torn;
    }

    long unwiped() {
        return unwiped;
    }

    long errors() {
        return errors;
    }

    String firstProblem() {
        return firstProblem;
    }
}
