package org.lle.memory.monitoring.internal;

import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.lle.memory.internal.jfr.EventDefinition;
import org.lle.memory.monitoring.LleEvents;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;

/**
 * Records each state change of the pool system it listens to as the JFR event
 * {@value #NAME} (fields {@code from}, {@code to}), off unless a recording enables it. Disabled, a change costs
 * one {@link FlightRecorder#isInitialized()} read (and one {@link EventType#isEnabled()} read once JFR runs).
 *
 * <p>The type is described with the shared {@link EventDefinition} (why {@link EventFactory}: its javadoc).
 */
public final class MemoryStateEvents implements MemoryStateListener {
    public static final String NAME = LleEvents.MEMORY_STATE_CHANGE;

    /** Loaded with this class (not JFR), as is the builder: a state change may come when no class file can be read. */
    private static final Class<?> HOLDER = Type.class;
    private static final Class<?> BUILDER = EventDefinition.class;

    @Override
    public void stateChanged(MemoryState from, MemoryState to) {
        if (FlightRecorder.isInitialized() && Type.TYPE.isEnabled()) {
            Event event = Type.FACTORY.newEvent();
            event.set(0, from.name());
            event.set(1, to.name());
            event.commit();
        }
    }

    /**
     * The event type, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Type {
        static final EventFactory FACTORY = EventDefinition.named(NAME, "Memory State Change")
                .category("LLE Memory", "Pools")
                .description("A memory pool system moved from one state to another")
                .stackTrace(true)
                .field(String.class, "from", "From")
                .field(String.class, "to", "To")
                .factory();
        static final EventType TYPE = FACTORY.getEventType();

        private Type() {
        }
    }
}
