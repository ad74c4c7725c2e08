package org.lle.memory.secure;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link SecureMemory} whose buffers survive a change of the provider behind it (OSGi hot swap).
 * On a swap each live buffer's bytes move into the new provider's memory and the old copy is wiped and
 * released; no read or write sees torn or wiped data. When the last provider goes away every buffer is
 * wiped and closed, and later use throws {@link IllegalStateException}.
 */
@ProviderType
public interface SecureMemoryBroker extends SecureMemory {

    /** @return whether a provider is bound now */
    boolean isAvailable();

    /** @return how many times the provider behind this broker changed */
    long swapCount();

    /** @return buffers handed out and not yet closed */
    int liveBuffers();
}
