package org.lle.memory.monitoring.internal;

import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;
import org.lle.memory.monitoring.LleEvents;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;

/**
 * Records each state change of the pool system it listens to as the JFR event
 * {@value #NAME} (fields {@code from}, {@code to}), off unless a recording enables it.
 *
 * <p>The event is built with {@link EventFactory}, not as a {@code jdk.jfr.Event} subclass: on JDK 17 a
 * subclass's instrumented {@code commit()} links to a class JFR generates in {@code jdk.jfr.internal.handlers},
 * which a bundle class loader cannot see without host configuration (boot delegation), so every commit failed
 * with {@code NoClassDefFoundError} in Felix. A factory-made event class lives in JFR's own loader and works in
 * any framework. Disabled, a change costs one {@link EventType#isEnabled()} read.
 */
public final class MemoryStateEvents implements MemoryStateListener {
    public static final String NAME = LleEvents.MEMORY_STATE_CHANGE;

    private static final EventFactory FACTORY = EventFactory.create(List.of(
            new AnnotationElement(Name.class, NAME),
            new AnnotationElement(Label.class, "Memory State Change"),
            new AnnotationElement(Category.class, new String[] {"LLE Memory", "Pools"}),
            new AnnotationElement(Description.class, "A memory pool system moved from one state to another"),
            new AnnotationElement(Enabled.class, false),
            new AnnotationElement(StackTrace.class, true)),
            List.of(field("from", "From"), field("to", "To")));
    private static final EventType TYPE = FACTORY.getEventType();

    @Override
    public void stateChanged(MemoryState from, MemoryState to) {
        if (TYPE.isEnabled()) {
            Event event = FACTORY.newEvent();
            event.set(0, from.name());
            event.set(1, to.name());
            event.commit();
        }
    }

    private static ValueDescriptor field(String name, String label) {
        return new ValueDescriptor(String.class, name, List.of(new AnnotationElement(Label.class, label)));
    }
}
