package org.lle.memory.pool;

/**
 * The life cycle of a {@link MemoryPoolSystem}.
 *
 * <pre>
 * INITIALIZING -&gt; ACTIVE | ERROR
 * ACTIVE       -&gt; OPTIMIZING | GC_RUNNING | LOW_MEMORY | ERROR | SHUTDOWN
 * OPTIMIZING   -&gt; ACTIVE | ERROR
 * GC_RUNNING   -&gt; ACTIVE | ERROR
 * LOW_MEMORY   -&gt; ACTIVE | ERROR | SHUTDOWN
 * ERROR        -&gt; SHUTDOWN
 * SHUTDOWN     (terminal)
 * </pre>
 */
public enum MemoryState {
    INITIALIZING,
    ACTIVE,
    OPTIMIZING,
    GC_RUNNING,
    LOW_MEMORY,
    ERROR,
    SHUTDOWN;

    /**
     * @param target the state to move to
     * @return whether the state machine allows {@code this -> target}; {@code false} for {@code null}
     *         and for staying in the same state
     */
    public boolean canTransitionTo(MemoryState target) {
        if (target == null) {
            return false;
        }
        switch (this) {
            case INITIALIZING:
                return target == ACTIVE || target == ERROR;
            case ACTIVE:
                return target == OPTIMIZING || target == GC_RUNNING || target == LOW_MEMORY
                        || target == ERROR || target == SHUTDOWN;
            case OPTIMIZING:
            case GC_RUNNING:
                return target == ACTIVE || target == ERROR;
            case LOW_MEMORY:
                return target == ACTIVE || target == ERROR || target == SHUTDOWN;
            case ERROR:
                return target == SHUTDOWN;
            case SHUTDOWN:
            default:
                return false;
        }
    }

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return this == SHUTDOWN;
    }
}
