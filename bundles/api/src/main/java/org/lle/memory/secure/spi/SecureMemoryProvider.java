package org.lle.memory.secure.spi;

import org.lle.memory.secure.SecureMemory;
import org.osgi.annotation.versioning.ProviderType;

/** A secure-memory implementation, registered in {@code META-INF/services}. */
@ProviderType
public interface SecureMemoryProvider {

    /** @return the provider's name, as in {@link org.lle.memory.secure.SecureMemoryInfo#provider()} */
    String name();

    /** @return the preference among providers that work: the highest wins */
    int ranking();

    /**
     * Probes the platform (loads native code, tries the calls). Must not throw.
     *
     * @return whether this provider works here; {@code false} makes {@code detect()} skip it
     */
    boolean isSupported();

    /** @return the provider's shared instance; only called after {@link #isSupported()} said yes */
    SecureMemory get();
}
