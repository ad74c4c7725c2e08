package org.lle.memory.secure.broker.internal;

import java.util.List;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * Copies a secret from a buffer of one provider into a buffer of another. One transfer serves one batch of
 * moves (a swap, or the rescue of a leaving provider's buffers) under the broker's write lock, so it need not
 * be thread safe; {@link #close()} wipes and releases whatever scratch it used.
 */
interface Transfer extends AutoCloseable {

    /** Copies all of {@code from} into {@code to} (same size). */
    void copy(SecureBuffer from, SecureBuffer to);

    @Override
    void close();

    /** Opens transfers. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param lockers providers still bound for the whole batch, the move's target first: the transfer may
         *        ask them to lock or wipe scratch memory
         */
        Transfer open(List<SecureMemory> lockers);
    }
}
