package org.lle.memory.secure.posix.internal.nativ;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Counts the native calls of one JNA binding while they run and refuses new ones once the binding is being
 * released. JNA frees a class's call stubs when it unregisters it, so a call racing the release would jump into
 * freed memory; with the guard it gets an {@link IllegalStateException} instead, and the release waits for the
 * calls already running.
 */
final class CallGuard {
    private static final long RELEASE_WAIT_NANOS = 10_000_000_000L;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final String refusal;
    private final String stillRunning;
    private volatile boolean released;

    /**
     * @param refusal the message of the exception a call gets after the release began
     * @param stillRunning what the warning says when calls outlive the wait (after their count)
     */
    CallGuard(String refusal, String stillRunning) {
        this.refusal = refusal;
        this.stillRunning = stillRunning;
    }

    int call(IntSupplier raw) {
        enter();
        try {
            return raw.getAsInt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    long callLong(LongSupplier raw) {
        enter();
        try {
            return raw.getAsLong();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Accepts calls again after {@link #release(Runnable, Class)} (a bundle restarted without a refresh). */
    void rebound() {
        released = false;
    }

    /**
     * Refuses new calls, waits for the running ones, then runs {@code unbind}; if a call does not return in time
     * the binding is kept (a leaked class loader rather than a crash) and {@code owner}'s logger says so.
     */
    void release(Runnable unbind, Class<?> owner) {
        released = true;
        long deadline = System.nanoTime() + RELEASE_WAIT_NANOS;
        while (inFlight.get() != 0) {
            if (System.nanoTime() > deadline) {
                System.getLogger(owner.getName()).log(System.Logger.Level.WARNING, inFlight.get() + " " + stillRunning);
                return;
            }
            Thread.onSpinWait();
        }
        unbind.run();
    }

    private void enter() {
        inFlight.incrementAndGet();
        if (released) {
            inFlight.decrementAndGet();
            throw new IllegalStateException(refusal);
        }
    }
}
