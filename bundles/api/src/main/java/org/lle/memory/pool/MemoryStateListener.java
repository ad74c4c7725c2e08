package org.lle.memory.pool;

import org.osgi.annotation.versioning.ConsumerType;

/** Told of every state change, after it happened, on the thread that caused it. */
@ConsumerType
@FunctionalInterface
public interface MemoryStateListener {
    /**
     * @param from the previous state
     * @param to the new state
     */
    void stateChanged(MemoryState from, MemoryState to);
}
