package org.lle.memory.pool;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Typed memory pools. Thread safe: every method may be called from any thread.
 *
 * <p>Errors are specific: a size outside {@code 1..largest class} is an {@link IllegalArgumentException}
 * naming the limit; a request over a budget or with every allowed source exhausted is a
 * {@link MemoryBudgetExceededException} naming type, size and budget; any call after {@link #close()}
 * is an {@link IllegalStateException}.
 */
@ProviderType
public interface MemoryPoolSystem extends AutoCloseable {

    /** Allocates with the configured default strategy. */
    PoolBlock allocate(PoolType type, int size);

    /**
     * @param type the pool type, not {@code null}
     * @param size requested bytes, {@code 1..} the largest size class of {@code type}
     * @param strategy where the memory may come from, not {@code null}
     * @return an open block of at least {@code size} bytes, zero-filled
     */
    PoolBlock allocate(PoolType type, int size, AllocationStrategy strategy);

    /** @return an exact snapshot of the statistics of one type */
    PoolStats stats(PoolType type);

    /** @return an exact snapshot of the sum over all types */
    PoolStats totalStats();

    /** @return the current state */
    MemoryState state();

    /** Adds a listener for state changes; adding one twice has no effect. */
    void addStateListener(MemoryStateListener listener);

    /** Removes a listener; removing an unknown one has no effect. */
    void removeStateListener(MemoryStateListener listener);

    /** @return the configuration in effect */
    PoolConfig config();

    /**
     * Moves to {@link MemoryState#SHUTDOWN} and releases the pools. Blocks still open are reported
     * (with their allocation sites when leak detection records them) and invalidated: later access
     * to them throws {@link IllegalStateException}. Idempotent.
     *
     * @throws UnsupportedOperationException on an instance shared as an OSGi service: its bundle's life
     *         cycle closes it, not one of its users
     */
    @Override
    void close();
}
