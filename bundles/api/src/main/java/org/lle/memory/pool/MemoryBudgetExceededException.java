package org.lle.memory.pool;

/**
 * An allocation that would exceed a budget, or find every source its strategy allows exhausted.
 * Nothing was allocated and no counter but {@link PoolStats#failures()} changed.
 */
public class MemoryBudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final PoolType type;
    private final int requestedBytes;
    private final long budgetBytes;

    public MemoryBudgetExceededException(PoolType type, int requestedBytes, long budgetBytes, String message) {
        super(message);
        this.type = type;
        this.requestedBytes = requestedBytes;
        this.budgetBytes = budgetBytes;
    }

    /** @return the type of the refused request */
    public PoolType type() {
        return type;
    }

    /** @return the requested size */
    public int requestedBytes() {
        return requestedBytes;
    }

    /** @return the budget that would have been exceeded (type or total, as the message says) */
    public long budgetBytes() {
        return budgetBytes;
    }
}
