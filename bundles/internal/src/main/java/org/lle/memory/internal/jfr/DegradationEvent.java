package org.lle.memory.internal.jfr;

import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * The JFR event {@value #NAME}: a secure-memory provider became degraded (some protection a user would expect
 * is missing), recorded by the POSIX provider when it loses a protection and by the broker when a bound
 * provider turns degraded. One type for both, so one setting enables both and a recording shows them side by
 * side, told apart by the field {@code source} ("Seen By"). Off unless a recording enables it; disabled, it
 * costs one {@link FlightRecorder#isInitialized()} read (and one {@link EventType#isEnabled()} read once JFR
 * runs).
 */
public final class DegradationEvent {
    public static final String NAME = "org.lle.memory.Degradation";

    /** Resolving the literals loads the holder and the builder (not JFR): see {@link #preload()}. */
    private static final Class<?> HOLDER = Type.class;
    private static final Class<?> BUILDER = EventDefinition.class;

    private DegradationEvent() {
    }

    /**
     * Loads this class, its holder and the builder now (call it from a constructor), while class files can still
     * be read: a first event may come when no file descriptor is left. JFR itself is not touched.
     */
    public static void preload() {
        // calling this initialized the class, which resolved HOLDER and BUILDER, which loaded both
    }

    /** @return whether a recording wants the event now: ask it before computing an expensive reason */
    public static boolean wanted() {
        return FlightRecorder.isInitialized() && Type.TYPE.isEnabled();
    }

    /** Records one degradation, when {@link #wanted()}. */
    public static void record(String provider, String reason, String seenBy) {
        if (wanted()) {
            Event event = Type.FACTORY.newEvent();
            event.set(0, provider);
            event.set(1, reason);
            event.set(2, seenBy);
            event.commit();
        }
    }

    /**
     * The event type, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Type {
        static final EventFactory FACTORY = EventDefinition.named(NAME, "Secure Memory Degradation")
                .category("LLE Memory", "Secure Memory")
                .description("A secure-memory provider became degraded: some protection a user would expect is "
                        + "missing")
                .stackTrace(true)
                .field(String.class, "provider", "Provider")
                .field(String.class, "reason", "Reason")
                .field(String.class, "source", "Seen By")
                .factory();
        static final EventType TYPE = FACTORY.getEventType();

        private Type() {
        }
    }
}
