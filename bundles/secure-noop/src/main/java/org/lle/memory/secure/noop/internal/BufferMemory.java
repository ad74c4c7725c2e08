package org.lle.memory.secure.noop.internal;

import java.nio.ByteBuffer;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;

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
        this.bytes = allocateDirect(size);
        this.allocatedBy = Thread.currentThread().getName();
        this.leaks = leaks;
    }

    /** The JVM's direct-memory limit reached is a refusal the caller can handle, not an {@link OutOfMemoryError}. */
    private static ByteBuffer allocateDirect(int size) {
        try {
            return ByteBuffer.allocateDirect(size);
        } catch (OutOfMemoryError directMemoryExhausted) {
            throw new SecureMemoryException(SecureResult.OUT_OF_MEMORY, "cannot allocate a no-op secure buffer of "
                    + size + " bytes: direct memory is exhausted (" + directMemoryExhausted.getMessage()
                    + "; raise -XX:MaxDirectMemorySize or close buffers)", directMemoryExhausted);
        }
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
        Wipe.range(bytes, 0, bytes.capacity());
        if (!closedByOwner) {
            leaks.leaked(bytes.capacity(), allocatedBy);
        }
    }
}
