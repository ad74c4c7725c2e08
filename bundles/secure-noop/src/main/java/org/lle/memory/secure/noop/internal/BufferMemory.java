package org.lle.memory.secure.noop.internal;

import java.nio.ByteBuffer;

/**
 * The memory of one buffer and the {@link java.lang.ref.Cleaner} action that wipes it. It must not refer to
 * its {@link NoopSecureBuffer}, or the buffer could never become unreachable and the safety net never run.
 */
final class BufferMemory implements Runnable {
    private final ByteBuffer bytes;
    private final String allocatedBy;
    private final LeakReporter leaks;
    private volatile boolean closedByOwner;

    BufferMemory(int size, LeakReporter leaks) {
        // direct, so the GC never moves it and leaves stray copies of the secret behind; zero-filled
        this.bytes = ByteBuffer.allocateDirect(size);
        this.allocatedBy = Thread.currentThread().getName();
        this.leaks = leaks;
    }

    ByteBuffer bytes() {
        return bytes;
    }

    void markClosedByOwner() {
        closedByOwner = true;
    }

    /** Runs once: on close, or from the cleaner when the buffer was dropped without close. */
    @Override
    public void run() {
        Wipe.region(bytes, 0, bytes.capacity());
        if (!closedByOwner) {
            leaks.leaked(bytes.capacity(), allocatedBy);
        }
    }
}
