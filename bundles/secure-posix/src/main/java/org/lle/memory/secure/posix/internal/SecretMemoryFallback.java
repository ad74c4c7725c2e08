package org.lle.memory.secure.posix.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether every chunk that asked for memfd_secret memory got it. The first fallback to anonymous memory is
 * logged (with its errno) and reported to the listener; from then on this provider no longer claims
 * MEMFD_SECRET, even after the fallback chunks are unmapped: a claim that comes and goes with the chunk
 * population could not be relied on by a host filtering on it. A new provider (restart or configuration
 * change) starts with a clean record.
 */
final class SecretMemoryFallback {
    private static final Logger LOG = System.getLogger("org.lle.memory.secure.posix");

    private final AtomicInteger fallbacks = new AtomicInteger();
    private volatile String reason = "";
    private volatile Runnable listener = () -> { };

    /** Records one chunk that got anonymous memory instead of memfd_secret memory. */
    void fellBack(NativeFailure failure) {
        if (fallbacks.getAndIncrement() != 0) {
            return;
        }
        reason = "memfd_secret memory could not be had (" + failure.getMessage() + "): chunks fall back to "
                + "anonymous memory, so MEMFD_SECRET is no longer claimed";
        LOG.log(Level.WARNING, "secure memory degraded: " + reason
                + " (set lle.secure.posix.strict=true to fail instead)");
        PosixEvents.degraded(reason);
        listener.run();
    }

    /** @return why MEMFD_SECRET is not claimed although configured, or {@code ""} when it never fell back */
    String reason() {
        return reason;
    }

    boolean happened() {
        return fallbacks.get() != 0;
    }

    /** @return chunks that fell back so far */
    int count() {
        return fallbacks.get();
    }

    /** {@code listener} runs once, on the thread of the first fallback; it must not block. */
    void onFirstFallback(Runnable listener) {
        this.listener = listener;
        if (happened()) {
            listener.run();
        }
    }
}
