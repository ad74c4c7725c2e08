package org.lle.memory.shell.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * One load thread of {@code lle:swap}: owns a few secure buffers and keeps checking that each holds exactly
 * what it last wrote, then writes the next pattern. A buffer found closed is lost; different bytes are
 * corruption; any other exception is an error.
 */
final class SwapWorker implements Runnable {

    /** Counters shared by all workers. */
    static final class Counters {
        final AtomicLong ops = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong corrupted = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstProblem = new AtomicReference<>();

        void problem(AtomicLong counter, String what) {
            counter.incrementAndGet();
            firstProblem.compareAndSet(null, what);
        }
    }

    private final int id;
    private final SecureBuffer[] buffers;
    private final int[] generation;
    private final Counters counters;
    private volatile boolean stop;

    SwapWorker(int id, SecureMemory memory, int count, int size, Counters counters) {
        this.id = id;
        this.buffers = new SecureBuffer[count];
        this.generation = new int[count];
        this.counters = counters;
        try {
            for (int i = 0; i < count; i++) {
                buffers[i] = memory.allocate(size);
                byte[] p = pattern(i, 0, size);
                buffers[i].write(0, p, 0, size);
            }
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
    }

    @Override
    public void run() {
        while (!stop) {
            for (int i = 0; i < buffers.length && !stop; i++) {
                step(i);
            }
        }
    }

    void stop() {
        stop = true;
    }

    /** Checks every buffer a last time, then closes them all (called after the thread ended). */
    void verifyAndClose() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                check(i);
            }
        }
        closeAll();
    }

    private void step(int i) {
        SecureBuffer b = buffers[i];
        if (b == null || !check(i)) {
            return;
        }
        try {
            generation[i]++;
            byte[] next = pattern(i, generation[i], b.size());
            b.write(0, next, 0, next.length);
            counters.ops.incrementAndGet();
        } catch (RuntimeException e) {
            fail(i, e);
        }
    }

    /** @return whether buffer {@code i} holds its expected bytes (alternating both read paths) */
    private boolean check(int i) {
        SecureBuffer b = buffers[i];
        try {
            byte[] expected = pattern(i, generation[i], b.size());
            boolean same;
            if ((generation[i] & 1) == 0) {
                same = b.contentEquals(expected);
            } else {
                byte[] actual = new byte[b.size()];
                b.read(0, actual, 0, actual.length);
                same = Arrays.equals(expected, actual);
            }
            if (!same) {
                counters.problem(counters.corrupted, "thread " + id + " buffer " + i + " generation " + generation[i]
                        + ": bytes differ from what was written");
            }
            return same;
        } catch (RuntimeException e) {
            fail(i, e);
            return false;
        }
    }

    private void fail(int i, RuntimeException e) {
        if (buffers[i].isClosed()) {
            counters.problem(counters.lost, "thread " + id + " buffer " + i + " was closed under its owner: " + e);
            buffers[i] = null;
        } else {
            counters.problem(counters.errors, "thread " + id + " buffer " + i + ": " + e);
        }
    }

    private void closeAll() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
            }
        }
    }

    /** Never all zero, and different for every thread, buffer and generation. */
    private byte[] pattern(int buffer, int gen, int size) {
        byte[] p = new byte[size];
        for (int j = 0; j < size; j++) {
            p[j] = (byte) (id * 131 + buffer * 17 + gen * 7 + j + 1);
        }
        return p;
    }
}
