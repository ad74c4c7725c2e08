package org.lle.memory.pool;

import org.osgi.annotation.versioning.ConsumerType;

/** Told of every state change, after it happened, on the thread that caused it. */
@ConsumerType
@FunctionalInterface
public interface MemoryStateListener {
    /**
     * Called once per change. Keep it short: it runs inside the call that caused the change (an allocation,
     * a close). An exception it throws is logged and neither undoes the change nor keeps other listeners
     * from being told.
     *
     * @param from the previous state
     * @param to the new state, never equal to {@code from}
     */
    void stateChanged(MemoryState from, MemoryState to);
}
