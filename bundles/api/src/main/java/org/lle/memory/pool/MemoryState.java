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
    /** Being built, not yet allocating; a system handed to a host has already left this state. */
    INITIALIZING,
    /** Allocating normally. */
    ACTIVE,
    /** A new configuration is being applied (an OSGi configuration update); open blocks stay valid. */
    OPTIMIZING,
    /** Free pooled memory is being given back to the JVM; open blocks are not touched. */
    GC_RUNNING,
    /**
     * A request was refused or took memory from the emergency reserve; allocation goes on. Back to
     * {@link #ACTIVE} at the first regular allocation that succeeds once the reserve is fully returned.
     */
    LOW_MEMORY,
    /** Failed: every allocation throws {@link IllegalStateException}; only closing is left. */
    ERROR,
    /** Closed: the pools are released and every block still open is invalidated. */
    SHUTDOWN;

    /**
     * Tells whether the state machine allows a move from this state to another.
     *
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

    /**
     * Tells whether this is the end of the life cycle.
     *
     * @return whether no transition leaves this state (only {@link #SHUTDOWN})
     */
    public boolean isTerminal() {
        return this == SHUTDOWN;
    }
}
