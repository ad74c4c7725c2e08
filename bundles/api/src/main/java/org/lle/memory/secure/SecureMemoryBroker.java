package org.lle.memory.secure;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link SecureMemory} whose buffers survive a change of the provider behind it (OSGi hot swap).
 *
 * <p>On a swap each live buffer's bytes move into the new provider's memory and the old copy is wiped and
 * released; no read or write sees torn or wiped data. A buffer the new provider cannot take stays with a
 * provider that can, as long as one is still registered and the broker's policy allows it. Only when no
 * allowed provider can hold a buffer is it wiped and closed; it is counted in {@link #lostBuffers()}, logged,
 * and later use throws an {@link IllegalStateException} that says why.
 *
 * <p>Moves into or out of degraded memory (a provider registered with
 * {@link SecureMemoryProperties#DEGRADED} {@code true}, or, without that property, whose
 * {@link SecureMemoryInfo#degraded()} was true when it was bound) are never silent: they are counted here and
 * logged at WARNING. A host that wants secrets never to enter degraded memory configures the broker to refuse
 * it (configuration PID {@code org.lle.memory.secure.broker}, {@code degradedMemory=REFUSE}).
 */
@ProviderType
public interface SecureMemoryBroker extends SecureMemory {

    /**
     * Tells whether a provider stands behind this broker now. Without one, {@link #allocate(int)} throws
     * {@link SecureMemoryException} with {@link SecureResult#FEATURE_NOT_AVAILABLE} and
     * {@link #maxAllocationSize()} is {@code 0}.
     *
     * @return whether a provider is bound now
     */
    boolean isAvailable();

    /**
     * Counts provider changes, for monitoring. The first provider bound after none is not a swap.
     *
     * @return how many times the provider behind this broker changed from one to another since it started
     */
    long swapCount();

    /**
     * Counts the buffers this broker is responsible for now.
     *
     * @return buffers handed out and not yet closed
     */
    int liveBuffers();

    /**
     * Counts buffer moves, for monitoring; one swap moves every live buffer the new provider can take.
     *
     * @return buffer moves from one provider's memory into another's, over all swaps since the broker started
     */
    long movedBuffers();

    /**
     * Counts moves that lowered a buffer's protection; each one is also logged at WARNING.
     *
     * @return moves of a buffer from non-degraded into degraded memory since the broker started
     */
    long movesIntoDegraded();

    /**
     * Counts moves that restored a buffer's protection.
     *
     * @return moves of a buffer from degraded into non-degraded memory since the broker started
     */
    long movesOutOfDegraded();

    /**
     * Counts buffers the host lost through a swap; anything above {@code 0} means some secret is gone and
     * its owner gets an {@link IllegalStateException} on the next use.
     *
     * @return buffers wiped and closed because no provider the broker may use could hold them (not counting
     *         buffers closed because the broker itself stopped)
     */
    long lostBuffers();
}
