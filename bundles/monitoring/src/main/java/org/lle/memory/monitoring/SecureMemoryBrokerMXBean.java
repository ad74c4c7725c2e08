package org.lle.memory.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/** {@code org.lle.memory:type=SecureMemoryBroker}: the hot-swap broker and the provider behind it now. */
@ProviderType
public interface SecureMemoryBrokerMXBean {
    /** @return whether a provider is bound now */
    boolean isAvailable();

    /** @return the name of the provider in use now; {@code none} when none is bound */
    String getProvider();

    /** @return whether the provider in use is degraded ({@code true} when none is bound) */
    boolean isDegraded();

    /** @return why the provider in use is degraded, or {@code ""} */
    String getDegradationReason();

    /** @return buffers handed out and not yet closed */
    int getLiveBuffers();

    /** @return how many times the provider behind the broker changed */
    long getSwapCount();

    /** @return buffer moves from one provider's memory into another's, over all swaps */
    long getMovedBuffers();

    /** @return moves from non-degraded into degraded memory */
    long getMovesIntoDegraded();

    /** @return moves from degraded into non-degraded memory */
    long getMovesOutOfDegraded();

    /** @return buffers wiped and closed because no allowed provider could hold them */
    long getLostBuffers();
}
