package org.lle.memory.benchmarks.secure;

import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;

/** Finds the provider under test the way a plain-classpath user does, and refuses a degraded one. */
final class OurSecureMemory {
    private static volatile boolean announced;

    private OurSecureMemory() {
    }

    /** @return the detected provider (whatever it is), named on stderr so the JMH log shows it */
    static SecureMemory provider() {
        SecureMemory memory = SecureMemories.detect();
        if (!announced) {
            announced = true;
            System.err.println("[lle] secure provider under test: " + memory.info());
        }
        return memory;
    }

    /**
     * @return the detected provider, after checking that it really locks: benchmarking buffers that are
     *         not locked would compare something cheaper than the peers
     */
    static SecureMemory lockingProvider() {
        SecureMemory memory = provider();
        try (SecureBuffer probe = memory.allocate(64)) {
            if (!probe.isLocked()) {
                throw new IllegalStateException("the detected provider does not lock here: " + memory.info());
            }
        }
        return memory;
    }

    /** A provider that cannot be found fails only our own benchmark method, so the peers still run. */
    static SecureMemory orFailure(java.util.function.Supplier<SecureMemory> finder, RuntimeException[] failure) {
        try {
            return finder.get();
        } catch (RuntimeException e) {
            failure[0] = e;
            return null;
        }
    }

    /** @return {@code memory}, or throws the failure recorded when it could not be found */
    static SecureMemory require(SecureMemory memory, RuntimeException[] failure) {
        if (memory == null) {
            throw failure[0];
        }
        return memory;
    }
}
