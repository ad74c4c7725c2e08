package org.lle.memory.internal.jfr;

import java.util.ArrayList;
import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.EventFactory;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.ValueDescriptor;

/**
 * One JFR event type of lle-memory, described field by field and made with {@link EventFactory}. Every type is
 * off by default ({@code @Enabled(false)}): a recording turns it on (the settings file of the monitoring bundle,
 * or a host's own). A field's index in {@code Event.set(index, value)} is the order it was added in.
 *
 * <p>Why {@link EventFactory} rather than {@code jdk.jfr.Event} subclasses: on JDK 17 a subclass's
 * instrumented {@code commit()} links to a class JFR generates in {@code jdk.jfr.internal.handlers}, which a
 * bundle class loader cannot see without host configuration (boot delegation), so every commit failed with
 * {@code NoClassDefFoundError} in Felix. A factory-made event class lives in JFR's own loader and works in any
 * framework.
 *
 * <p>Describing a type only collects values; {@link #factory()} registers the type with JFR (the first one
 * sets up JFR's event machinery, hundreds of milliseconds and some memory). So callers keep their factories in a holder class initialized on the first
 * event once {@code FlightRecorder.isInitialized()}, and a process that never records never pays. This class
 * refers to no other class of this bundle, so loading it early (a class literal) is all a caller needs to
 * build types later when no class file can be read any more.
 */
public final class EventDefinition {
    private final List<AnnotationElement> annotations = new ArrayList<>();
    private final List<ValueDescriptor> fields = new ArrayList<>();
    private String[] category = {};
    private String description = "";
    private boolean stackTrace = true;
    private String threshold;

    private EventDefinition(String name, String label) {
        annotations.add(new AnnotationElement(Name.class, name));
        annotations.add(new AnnotationElement(Label.class, label));
    }

    /**
     * Starts the description of a type.
     *
     * @param name the event name recordings and settings use
     * @param label its human-readable title
     * @return the description, to be completed
     */
    public static EventDefinition named(String name, String label) {
        return new EventDefinition(name, label);
    }

    /** The category path, outermost first, e.g. {@code "LLE Memory", "Pools"}. */
    public EventDefinition category(String... path) {
        category = path.clone();
        return this;
    }

    public EventDefinition description(String text) {
        description = text;
        return this;
    }

    /** Whether each event records its stack trace by default (true unless set). */
    public EventDefinition stackTrace(boolean recorded) {
        stackTrace = recorded;
        return this;
    }

    /** The default threshold of a duration event, e.g. {@code "0 ms"}; none unless set. */
    public EventDefinition threshold(String duration) {
        threshold = duration;
        return this;
    }

    /** Adds a field with a label. */
    public EventDefinition field(Class<?> type, String name, String label) {
        fields.add(new ValueDescriptor(type, name, List.of(new AnnotationElement(Label.class, label))));
        return this;
    }

    /** Adds a field with a label that holds a number of bytes (tools show it as an amount of data). */
    public EventDefinition bytes(Class<?> type, String name, String label) {
        fields.add(new ValueDescriptor(type, name, List.of(new AnnotationElement(Label.class, label),
                new AnnotationElement(DataAmount.class, DataAmount.BYTES))));
        return this;
    }

    /** Makes the event type; the first one made initializes JFR. */
    public EventFactory factory() {
        List<AnnotationElement> all = new ArrayList<>(annotations);
        all.add(new AnnotationElement(Category.class, category));
        all.add(new AnnotationElement(Description.class, description));
        all.add(new AnnotationElement(Enabled.class, false));
        all.add(new AnnotationElement(StackTrace.class, stackTrace));
        if (threshold != null) {
            all.add(new AnnotationElement(Threshold.class, threshold));
        }
        return EventFactory.create(all, List.copyOf(fields));
    }
}
