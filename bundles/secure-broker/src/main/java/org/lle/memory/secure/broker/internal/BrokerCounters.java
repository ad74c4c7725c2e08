package org.lle.memory.secure.broker.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's running totals, for status, JMX and tests. Each counts when its event happens, so a reader sees
 * a batch's moves as they are made; {@link #swaps} counts a swap only once every buffer is in the new provider.
 */
final class BrokerCounters {
    /** Changes from one current provider to another (not the first one after none). */
    final AtomicLong swaps = new AtomicLong();
    /** Buffers moved from one provider's memory into another's. */
    final AtomicLong movedBuffers = new AtomicLong();
    /** Moves from a non-degraded provider into a degraded one. */
    final AtomicLong movesIntoDegraded = new AtomicLong();
    /** Moves from a degraded provider into a non-degraded one. */
    final AtomicLong movesOutOfDegraded = new AtomicLong();
    /** Buffers no allowed provider could hold when theirs went away: wiped and closed. */
    final AtomicLong lostBuffers = new AtomicLong();
    /** Moves a provider could not take (too large for it, its allocation failed, an access stayed open). */
    final AtomicLong failedMoves = new AtomicLong();
    /** Buffers the host dropped without closing them, wiped and closed by the cleaner. */
    final AtomicLong leakedBuffers = new AtomicLong();
}
