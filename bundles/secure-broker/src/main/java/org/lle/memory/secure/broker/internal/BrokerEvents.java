package org.lle.memory.secure.broker.internal;

import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.lle.memory.internal.jfr.DegradationEvent;
import org.lle.memory.internal.jfr.EventDefinition;

/**
 * The broker's JDK Flight Recorder events, off unless a recording enables them: {@value #PROVIDER_SWAP} (a
 * duration event around the moves of one swap) and {@value #DEGRADATION} (a bound provider's
 * {@code lle.secure.degraded} turned true). Disabled, each costs one {@link FlightRecorder#isInitialized()}
 * read (and one {@link EventType#isEnabled()} read once JFR runs).
 *
 * <p>The types are described with the shared {@link EventDefinition} (why {@link EventFactory}: its javadoc).
 */
final class BrokerEvents {
    static final String PROVIDER_SWAP = "org.lle.memory.ProviderSwap";
    static final String DEGRADATION = DegradationEvent.NAME;

    /** Resolving the literals loads the holder and the builder (not JFR): see {@link #preload()}. */
    private static final Class<?> HOLDER = Types.class;
    private static final Class<?> BUILDER = EventDefinition.class;

    private BrokerEvents() {
    }

    /**
     * Loads this class, its holder, the builder and the shared degradation event now (the caller's
     * constructor), while class files can still be read: a first event may come when no file descriptor is
     * left. JFR itself is not touched.
     */
    static void preload() {
        // calling this initialized the class, which resolved HOLDER and BUILDER, which loaded both
        DegradationEvent.preload();
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
        if (DegradationEvent.wanted()) {
            String reason;
            try {
                reason = provider.memory.info().degradationReason();
            } catch (RuntimeException e) {
                reason = "unknown (info() failed: " + e + ")";
            }
            DegradationEvent.record(provider.name(), reason, "broker");
        }
    }

    /**
     * The event type, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Types {
        static final EventFactory SWAP = EventDefinition.named(PROVIDER_SWAP, "Secure Memory Provider Swap")
                .category("LLE Memory", "Secure Memory")
                .description("The secure-memory broker moved its buffers into another provider's memory; the "
                        + "duration is the time the moves took")
                .stackTrace(false)
                .threshold("0 ms")
                .field(String.class, "fromProvider", "From Provider")
                .field(String.class, "toProvider", "To Provider")
                .field(int.class, "movedBuffers", "Moved Buffers")
                .field(int.class, "movesIntoDegraded", "Moves Into Degraded Memory")
                .field(int.class, "movesOutOfDegraded", "Moves Out Of Degraded Memory")
                .field(int.class, "stayedBuffers", "Buffers The New Provider Could Not Take")
                .factory();
        static final EventType SWAP_TYPE = SWAP.getEventType();

        private Types() {
        }
    }
}
