package org.lle.memory.secure.broker.internal;

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
import jdk.jfr.Threshold;
import jdk.jfr.ValueDescriptor;

/**
 * The broker's JDK Flight Recorder events, off unless a recording enables them: {@value #PROVIDER_SWAP} (a
 * duration event around the moves of one swap) and {@value #DEGRADATION} (a bound provider's
 * {@code lle.secure.degraded} turned true). Disabled, each costs one {@link FlightRecorder#isInitialized()}
 * read (and one {@link EventType#isEnabled()} read once JFR runs).
 *
 * <p>Made with {@link EventFactory} rather than as {@code jdk.jfr.Event} subclasses: on JDK 17 a subclass's
 * commit links to a JFR-generated class a bundle class loader cannot see (see docs/monitoring.md).
 */
final class BrokerEvents {
    static final String PROVIDER_SWAP = "org.lle.memory.ProviderSwap";
    static final String DEGRADATION = "org.lle.memory.Degradation";

    /** Resolving the literal loads the holder (not JFR) when this class initializes: see {@link #preload()}. */
    private static final Class<?> HOLDER = Types.class;

    private BrokerEvents() {
    }

    /**
     * Loads this class and its holder now (the caller's constructor), while class files can still be read: a
     * first event may come when no file descriptor is left. JFR itself is not touched.
     */
    static void preload() {
        // calling this initialized the class, which resolved HOLDER, which loaded Types
    }

    /** @return a begun swap event, or {@code null} when no recording wants one */
    static Event swapStarting() {
        if (!(FlightRecorder.isInitialized() && Types.SWAP_TYPE.isEnabled())) {
            return null;
        }
        Event event = Types.SWAP.newEvent();
        event.begin();
        return event;
    }

    /** Ends and commits {@code event} from {@link #swapStarting()}; {@code null} does nothing. */
    static void swapped(Event event, String from, String to, int moved, int into, int outOf, int stayed) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.set(0, from);
            event.set(1, to);
            event.set(2, moved);
            event.set(3, into);
            event.set(4, outOf);
            event.set(5, stayed);
            event.commit();
        }
    }

    /** A bound provider turned degraded; its reason is asked for only when a recording wants the event. */
    static void degraded(BoundProvider provider) {
        if (FlightRecorder.isInitialized() && Types.DEGRADED_TYPE.isEnabled()) {
            String reason;
            try {
                reason = provider.memory.info().degradationReason();
            } catch (RuntimeException e) {
                reason = "unknown (info() failed: " + e + ")";
            }
            Event event = Types.DEGRADED.newEvent();
            event.set(0, provider.name());
            event.set(1, reason);
            event.set(2, "broker");
            event.commit();
        }
    }

    private static ValueDescriptor field(Class<?> type, String name, String label) {
        return new ValueDescriptor(type, name, List.of(new AnnotationElement(Label.class, label)));
    }

    /**
     * The event types, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Types {
        static final EventFactory SWAP = EventFactory.create(List.of(
                new AnnotationElement(Name.class, PROVIDER_SWAP),
                new AnnotationElement(Label.class, "Secure Memory Provider Swap"),
                new AnnotationElement(Category.class, new String[] {"LLE Memory", "Secure Memory"}),
                new AnnotationElement(Description.class, "The secure-memory broker moved its buffers into another "
                        + "provider's memory; the duration is the time the moves took"),
                new AnnotationElement(Enabled.class, false),
                new AnnotationElement(StackTrace.class, false),
                new AnnotationElement(Threshold.class, "0 ms")),
                List.of(field(String.class, "fromProvider", "From Provider"),
                        field(String.class, "toProvider", "To Provider"),
                        field(int.class, "movedBuffers", "Moved Buffers"),
                        field(int.class, "movesIntoDegraded", "Moves Into Degraded Memory"),
                        field(int.class, "movesOutOfDegraded", "Moves Out Of Degraded Memory"),
                        field(int.class, "stayedBuffers", "Buffers The New Provider Could Not Take")));
        static final EventType SWAP_TYPE = SWAP.getEventType();

        static final EventFactory DEGRADED = EventFactory.create(List.of(
                new AnnotationElement(Name.class, DEGRADATION),
                new AnnotationElement(Label.class, "Secure Memory Degradation"),
                new AnnotationElement(Category.class, new String[] {"LLE Memory", "Secure Memory"}),
                new AnnotationElement(Description.class, "A secure-memory provider became degraded: some protection "
                        + "a user would expect is missing"),
                new AnnotationElement(Enabled.class, false),
                new AnnotationElement(StackTrace.class, true)),
                List.of(field(String.class, "provider", "Provider"), field(String.class, "reason", "Reason"),
                        field(String.class, "source", "Seen By")));
        static final EventType DEGRADED_TYPE = DEGRADED.getEventType();

        private Types() {
        }
    }
}
