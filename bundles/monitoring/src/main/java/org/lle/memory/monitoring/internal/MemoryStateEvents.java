package org.lle.memory.monitoring.internal;

import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;

/** Records each state change of the pool system it listens to as a {@link MemoryStateChangeEvent}. */
public final class MemoryStateEvents implements MemoryStateListener {
    @Override
    public void stateChanged(MemoryState from, MemoryState to) {
        MemoryStateChangeEvent event = new MemoryStateChangeEvent();
        if (event.isEnabled()) {
            event.from = from.name();
            event.to = to.name();
            event.commit();
        }
    }
}
