package org.lle.memory.monitoring.internal;

import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;
import org.lle.memory.monitoring.LleEvents;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;

/**
 * Records each state change of the pool system it listens to as the JFR event
 * {@value #NAME} (fields {@code from}, {@code to}), off unless a recording enables it. Disabled, a change costs
 * one {@link FlightRecorder#isInitialized()} read (and one {@link EventType#isEnabled()} read once JFR runs).
 *
 * <p>The event is built with {@link EventFactory}, not as a {@code jdk.jfr.Event} subclass: on JDK 17 a
 * subclass's instrumented {@code commit()} links to a class JFR generates in {@code jdk.jfr.internal.handlers},
 * which a bundle class loader cannot see without host configuration (boot delegation), so every commit failed
 * with {@code NoClassDefFoundError} in Felix. A factory-made event class lives in JFR's own loader and works in
 * any framework.
 */
public final class MemoryStateEvents implements MemoryStateListener {
    public static final String NAME = LleEvents.MEMORY_STATE_CHANGE;

    /** Loaded with this class (not JFR): a state change may come when no class file can be read any more. */
    private static final Class<?> HOLDER = Type.class;

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
        static final EventFactory FACTORY = EventFactory.create(List.of(
                new AnnotationElement(Name.class, NAME),
                new AnnotationElement(Label.class, "Memory State Change"),
                new AnnotationElement(Category.class, new String[] {"LLE Memory", "Pools"}),
                new AnnotationElement(Description.class, "A memory pool system moved from one state to another"),
                new AnnotationElement(Enabled.class, false),
                new AnnotationElement(StackTrace.class, true)),
                List.of(field("from", "From"), field("to", "To")));
        static final EventType TYPE = FACTORY.getEventType();

        private Type() {
        }

        private static ValueDescriptor field(String name, String label) {
            return new ValueDescriptor(String.class, name, List.of(new AnnotationElement(Label.class, label)));
        }
    }
}
