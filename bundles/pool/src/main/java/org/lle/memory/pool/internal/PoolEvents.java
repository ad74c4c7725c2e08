package org.lle.memory.pool.internal;

import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.lle.memory.internal.jfr.EventDefinition;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolType;

/**
 * The pool system's JDK Flight Recorder events, off unless a recording enables them: {@value #BUDGET_REFUSAL}
 * and {@value #EMERGENCY_ALLOCATION}. Disabled, each costs one {@link FlightRecorder#isInitialized()} read
 * (and one {@link EventType#isEnabled()} read once JFR runs) on a path that is already the slow one.
 *
 * <p>The types are described with the shared {@link EventDefinition} (why {@link EventFactory}: its javadoc).
 */
final class PoolEvents {
    static final String BUDGET_REFUSAL = "org.lle.memory.BudgetRefusal";
    static final String EMERGENCY_ALLOCATION = "org.lle.memory.EmergencyAllocation";

    /** Resolving the literals loads the holder and the builder (not JFR): see {@link #preload()}. */
    private static final Class<?> HOLDER = Types.class;
    private static final Class<?> BUILDER = EventDefinition.class;

    private PoolEvents() {
    }

    /**
     * Loads this class, its holder and the builder now (the caller's constructor), while class files can still be read: a
     * first event may come when no file descriptor is left. JFR itself is not touched.
     */
    static void preload() {
        // calling this initialized the class, which resolved HOLDER and BUILDER, which loaded both
    }

    /** Records the refusal (when a recording wants it) and returns it, to be thrown. */
    static MemoryBudgetExceededException refused(MemoryBudgetExceededException refusal, AllocationStrategy strategy) {
        if (FlightRecorder.isInitialized() && Types.REFUSAL_TYPE.isEnabled()) {
            Event event = Types.REFUSAL.newEvent();
            event.set(0, refusal.type().name());
            event.set(1, refusal.requestedBytes());
            event.set(2, strategy.name());
            event.set(3, refusal.budgetBytes());
            event.set(4, refusal.getMessage());
            event.commit();
        }
        return refusal;
    }

    static void emergency(PoolType type, int size, EmergencyReserve reserve) {
        if (FlightRecorder.isInitialized() && Types.EMERGENCY_TYPE.isEnabled()) {
            Event event = Types.EMERGENCY.newEvent();
            event.set(0, type.name());
            event.set(1, size);
            event.set(2, reserve.used());
            event.set(3, reserve.capacity());
            event.commit();
        }
    }

    /**
     * The event types, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Types {
        static final EventFactory REFUSAL = EventDefinition.named(BUDGET_REFUSAL, "Pool Allocation Refused")
                .category("LLE Memory", "Pools")
                .description("A pool allocation was refused: a budget, every allowed pool, the JVM's direct memory "
                        + "or the emergency reserve said no")
                .stackTrace(true)
                .field(String.class, "poolType", "Pool Type")
                .bytes(int.class, "size", "Requested Size")
                .field(String.class, "strategy", "Strategy")
                .bytes(long.class, "budgetBytes", "Budget")
                .field(String.class, "reason", "Reason")
                .factory();
        static final EventType REFUSAL_TYPE = REFUSAL.getEventType();

        static final EventFactory EMERGENCY = EventDefinition.named(EMERGENCY_ALLOCATION,
                        "Emergency Reserve Allocation")
                .category("LLE Memory", "Pools")
                .description("An allocation was served by the emergency reserve")
                .stackTrace(true)
                .field(String.class, "poolType", "Pool Type")
                .bytes(int.class, "size", "Requested Size")
                .bytes(long.class, "reserveUsedBytes", "Reserve In Use")
                .bytes(long.class, "reserveBytes", "Reserve Capacity")
                .factory();
        static final EventType EMERGENCY_TYPE = EMERGENCY.getEventType();

        private Types() {
        }
    }
}
