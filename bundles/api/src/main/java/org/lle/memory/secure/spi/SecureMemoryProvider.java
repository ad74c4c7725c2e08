package org.lle.memory.secure.spi;

import org.lle.memory.secure.SecureMemory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A secure-memory implementation, registered in {@code META-INF/services} and chosen by
 * {@link org.lle.memory.secure.SecureMemories#detect()} on a plain class path.
 */
@ProviderType
public interface SecureMemoryProvider {

    /**
     * Names the provider without probing it, for logs and for the error when no provider works.
     *
     * @return the provider's name, as in {@link org.lle.memory.secure.SecureMemoryInfo#provider()}
     */
    String name();

    /**
     * Orders the providers; the values of this project's providers are
     * {@link org.lle.memory.secure.SecureMemoryProperties#RANKING_POSIX} and
     * {@link org.lle.memory.secure.SecureMemoryProperties#RANKING_NOOP}.
     *
     * @return the preference among providers that work: the highest wins
     */
    int ranking();

    /**
     * Probes the platform (loads native code, tries the calls). Must not throw.
     *
     * @return whether this provider works here; {@code false} makes {@code detect()} skip it
     */
    boolean isSupported();

    /**
     * Hands out the provider's secure memory; every caller gets the same instance.
     *
     * @return the provider's shared instance; only called after {@link #isSupported()} said yes
     */
    SecureMemory get();
}
