package org.lle.memory.secure.broker.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.lle.memory.secure.SecureMemory;

/** One registered provider as the broker holds it: the service object, its place in the order, its regions. */
final class BoundProvider {
    final SecureMemory memory;
    /** How many regions were enabled through this provider and not yet disabled. */
    final AtomicLong enabledRegions = new AtomicLong();
    /** Replaced under the broker's write lock; read under either side. */
    private volatile ProviderTraits traits;

    BoundProvider(SecureMemory memory, ProviderTraits traits) {
        this.memory = memory;
        this.traits = traits;
    }

    ProviderTraits traits() {
        return traits;
    }

    void traits(ProviderTraits next) {
        traits = next;
    }

    boolean degraded() {
        return traits.degraded();
    }

    /** @return the provider's limit, or 0 when asking throws (then it can take nothing) */
    int maxAllocationSize() {
        try {
            return memory.maxAllocationSize();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    String name() {
        try {
            return memory.info().provider();
        } catch (RuntimeException e) {
            return memory.getClass().getName();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
