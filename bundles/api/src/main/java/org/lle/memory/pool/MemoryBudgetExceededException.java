package org.lle.memory.pool;

/**
 * An allocation that would exceed a budget, or find every source its strategy allows exhausted.
 * Nothing was allocated and no counter but {@link PoolStats#failures()} changed.
 */
public class MemoryBudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The pool type of the refused request; see {@link #type()}. */
    private final PoolType type;
    /** The requested size in bytes; see {@link #requestedBytes()}. */
    private final int requestedBytes;
    /** The limit in bytes that refused the request; see {@link #budgetBytes()}. */
    private final long budgetBytes;

    /**
     * Creates the refusal of one request. Pool systems throw it; a host normally only catches it.
     *
     * @param type the pool type the request was for
     * @param requestedBytes the size the caller asked for, in bytes (not rounded up to a size class)
     * @param budgetBytes the limit in bytes that refused it: the type's budget, the total budget or the size of
     *                    the emergency reserve; the type's budget when the pools or the JVM's direct memory ran out
     *                    first
     * @param message the reason for the host's log: which budget, reserve or pools refused, and their limits
     */
    public MemoryBudgetExceededException(PoolType type, int requestedBytes, long budgetBytes, String message) {
        super(message);
        this.type = type;
        this.requestedBytes = requestedBytes;
        this.budgetBytes = budgetBytes;
    }

    /**
     * The pool type of the refused request.
     *
     * @return the type the caller asked for
     */
    public PoolType type() {
        return type;
    }

    /**
     * The size of the refused request.
     *
     * @return the requested size in bytes, as passed to {@code allocate}
     */
    public int requestedBytes() {
        return requestedBytes;
    }

    /**
     * The limit the request ran into.
     *
     * @return the limit in bytes that refused the request: the type's budget, the total budget or the size of
     *         the emergency reserve, as the message says; the type's budget when every pool the strategy allows
     *         was full, or the JVM's direct memory ran out, before that budget was reached
     */
    public long budgetBytes() {
        return budgetBytes;
    }
}
