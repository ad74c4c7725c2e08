package org.lle.memory.pool;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Typed memory pools. Thread safe: every method may be called from any thread.
 *
 * <p>Errors are specific: a size outside {@code 1..largest class} is an {@link IllegalArgumentException}
 * naming the limit; a request over a budget or with every allowed source exhausted is a
 * {@link MemoryBudgetExceededException} naming type, size and budget; a {@code null} argument is a
 * {@link NullPointerException} naming the parameter. After {@link #close()} allocating, reading statistics
 * and adding listeners throw {@link IllegalStateException}; {@link #state()}, {@link #config()},
 * {@link #removeStateListener(MemoryStateListener)} and {@code close()} still answer.
 */
@ProviderType
public interface MemoryPoolSystem extends AutoCloseable {

    /**
     * Allocates a block with the strategy the configuration names ({@link PoolConfig#defaultStrategy()});
     * otherwise as {@link #allocate(PoolType, int, AllocationStrategy)}.
     *
     * @param type the pool type, not {@code null}
     * @param size requested bytes, {@code 1..} the largest size class of {@code type}
     * @return an open block of {@code size} usable bytes, zero-filled; the caller closes it
     * @throws IllegalArgumentException for a size outside that range, naming the limit
     * @throws MemoryBudgetExceededException when a budget or every source the strategy allows refuses
     * @throws IllegalStateException after {@link #close()}, or in state {@link MemoryState#ERROR}
     */
    PoolBlock allocate(PoolType type, int size);

    /**
     * Allocates a block of the given type from where {@code strategy} allows. The block comes from the
     * smallest size class that holds {@code size}, unless the strategy moves on to a larger class or the
     * emergency reserve. A refusal or a reserve allocation moves the system to {@link MemoryState#LOW_MEMORY}.
     *
     * @param type the pool type, not {@code null}
     * @param size requested bytes, {@code 1..} the largest size class of {@code type}
     * @param strategy where the memory may come from, not {@code null}
     * @return an open block of {@code size} usable bytes (its capacity is that of its size class), zero-filled;
     *         the caller closes it
     * @throws IllegalArgumentException for a size outside that range, naming the limit
     * @throws MemoryBudgetExceededException when a budget or every source the strategy allows refuses; nothing
     *         was allocated
     * @throws IllegalStateException after {@link #close()}, or in state {@link MemoryState#ERROR}
     */
    PoolBlock allocate(PoolType type, int size, AllocationStrategy strategy);

    /**
     * Reads the statistics of one pool type. The counters are exact when no allocation or close runs at the
     * same time; during one, the snapshot may miss that operation. {@link PoolStats#peakBytes()} can be lower
     * than the true peak when several threads allocate, never higher.
     *
     * @param type the pool type, not {@code null}
     * @return a snapshot of that type's counters; later activity does not change it
     * @throws IllegalStateException after {@link #close()}
     */
    PoolStats stats(PoolType type);

    /**
     * Reads the statistics of all pool types summed, as {@link PoolStats#plus(PoolStats)} adds them; exact
     * under the same condition as {@link #stats(PoolType)}.
     *
     * @return a snapshot of the counters summed over every type
     * @throws IllegalStateException after {@link #close()}
     */
    PoolStats totalStats();

    /**
     * The state of the system now; it may change as soon as this returns. Still answers after
     * {@link #close()} ({@link MemoryState#SHUTDOWN}).
     *
     * @return the current state, never {@code null}
     */
    MemoryState state();

    /**
     * Adds a listener for state changes; adding one twice has no effect. A listener that throws is logged and
     * does not stop the change or the other listeners.
     *
     * @param listener told of every later change, not {@code null}
     * @throws IllegalStateException after {@link #close()}
     */
    void addStateListener(MemoryStateListener listener);

    /**
     * Removes a listener; removing an unknown one or {@code null} has no effect. Also allowed after
     * {@link #close()}.
     *
     * @param listener the listener to stop telling
     */
    void removeStateListener(MemoryStateListener listener);

    /**
     * The configuration the system runs with. For the OSGi service it is replaced when its configuration is
     * updated.
     *
     * @return the configuration in effect, never {@code null}; still answers after {@link #close()}
     */
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
