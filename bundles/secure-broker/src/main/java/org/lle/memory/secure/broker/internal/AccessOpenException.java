package org.lle.memory.secure.broker.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BooleanSupplier;

/**
 * A move refused because an access is open on the buffer: a swap leaves the buffer in its provider for now, and
 * it moves when the access closes. Also the wait that decides it.
 */
final class AccessOpenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    AccessOpenException() {
        super("an access is open on it; it moves when the access closes");
    }

    /**
     * Waits for the write side of {@code lock} as long as it takes while {@code accessOpen} says no, and at most
     * {@code accessWaitNanos} once it says yes (an open access holds the read side for as long as it likes).
     *
     * @return the write stamp, or 0 when an access was open for longer than that
     */
    static long writeLockUnless(StampedLock lock, BooleanSupplier accessOpen, long accessWaitNanos) {
        long accessSince = 0;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long stamp = lock.tryWriteLock(1, TimeUnit.MILLISECONDS);
                    if (stamp != 0) {
                        return stamp;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (!accessOpen.getAsBoolean()) {
                    accessSince = 0;
                } else if (accessSince == 0) {
                    accessSince = System.nanoTime();
                }
                if (accessSince != 0 && System.nanoTime() - accessSince >= accessWaitNanos) {
                    return 0;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
