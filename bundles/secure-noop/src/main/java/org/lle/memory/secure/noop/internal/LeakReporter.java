package org.lle.memory.secure.noop.internal;

import java.lang.System.Logger.Level;

/** Told when the safety net wiped a buffer its owner never closed. */
@FunctionalInterface
interface LeakReporter {

    void leaked(int size, String allocatedBy);

    /** Logs a warning through {@link System.Logger}, so it reaches whatever logging the host uses. */
    LeakReporter LOG = (size, allocatedBy) -> System.getLogger("org.lle.memory.secure.noop").log(Level.WARNING,
            "LEAK: a no-op SecureBuffer of {0} bytes allocated by thread \"{1}\" was never closed; the cleaner "
                    + "wiped it. Close secure buffers (try-with-resources).", size, allocatedBy);
}
