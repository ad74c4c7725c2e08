package org.lle.memory.secure.noop.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.spi.SecureMemoryProvider;

/** The plain-classpath registration (META-INF/services): always supported, lowest ranking. */
public final class NoopSecureMemoryProvider implements SecureMemoryProvider {

    /** One instance per class loader, created on first use. */
    private static final class Shared {
        static final SecureMemory INSTANCE = new NoopSecureMemory();
    }

    @Override
    public String name() {
        return NoopSecureMemory.NAME;
    }

    @Override
    public int ranking() {
        return SecureMemoryProperties.RANKING_NOOP;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public SecureMemory get() {
        return Shared.INSTANCE;
    }
}
