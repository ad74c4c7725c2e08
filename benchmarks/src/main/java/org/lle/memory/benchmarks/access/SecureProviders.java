package org.lle.memory.benchmarks.access;

import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.spi.SecureMemoryProvider;
import org.lle.memory.secure.broker.internal.HotSwapBroker;

/** The secure-memory providers the access benchmarks compare, found by name on the class path. */
final class SecureProviders {
    private SecureProviders() {
    }

    /** @return the provider named {@code name} ("posix", "noop"), after checking that it works here */
    static SecureMemory named(String name) {
        for (SecureMemoryProvider provider : SecureMemories.providers()) {
            if (provider.name().toLowerCase(java.util.Locale.ROOT).contains(name) && provider.isSupported()) {
                SecureMemory memory = provider.get();
                System.err.println("[lle] " + name + " provider under test: " + memory.info());
                return memory;
            }
        }
        throw new IllegalStateException("no working secure-memory provider named " + name + " on the class path");
    }

    /** @return a broker (plain Java, no OSGi) whose one provider is {@code memory} */
    static HotSwapBroker brokerOver(SecureMemory memory) {
        HotSwapBroker broker = new HotSwapBroker();
        broker.bind(memory);
        return broker;
    }
}
