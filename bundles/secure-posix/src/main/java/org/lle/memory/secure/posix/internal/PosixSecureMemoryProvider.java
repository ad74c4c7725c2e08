package org.lle.memory.secure.posix.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.secure.spi.SecureMemoryProvider;

/**
 * The plain-classpath entry ({@code META-INF/services}): offers the POSIX provider when the probe passes
 * and the system property {@value SecureMemoryProperties#POSIX_DISABLED} is not {@code true}. Settings come
 * from system properties (see {@link PosixSettings}).
 */
public final class PosixSecureMemoryProvider implements SecureMemoryProvider {

    @Override
    public String name() {
        return PosixSecureMemory.NAME;
    }

    @Override
    public int ranking() {
        return SecureMemoryProperties.RANKING_POSIX;
    }

    @Override
    public boolean isSupported() {
        try {
            return !PosixSettings.fromSystemProperties().disabled() && PlatformProbe.get().usable();
        } catch (RuntimeException | LinkageError e) {
            System.getLogger(PosixSecureMemoryProvider.class.getName()).log(System.Logger.Level.WARNING,
                    "POSIX secure memory refused: " + e.getMessage(), e);
            return false;
        }
    }

    @Override
    public SecureMemory get() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final PosixSecureMemory INSTANCE = new PosixSecureMemory(PosixSettings.fromSystemProperties());
    }
}
