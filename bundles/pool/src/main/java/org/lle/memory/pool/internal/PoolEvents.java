package org.lle.memory.pool.internal;

import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
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
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolType;

/**
 * The pool system's JDK Flight Recorder events, off unless a recording enables them: {@value #BUDGET_REFUSAL}
 * and {@value #EMERGENCY_ALLOCATION}. Disabled, each costs one {@link FlightRecorder#isInitialized()} read
 * (and one {@link EventType#isEnabled()} read once JFR runs) on a path that is already the slow one.
 *
 * <p>Made with {@link EventFactory} rather than as {@code jdk.jfr.Event} subclasses: on JDK 17 a subclass's
 * commit links to a JFR-generated class a bundle class loader cannot see (see docs/monitoring.md).
 */
final class PoolEvents {
    static final String BUDGET_REFUSAL = "org.lle.memory.BudgetRefusal";
    static final String EMERGENCY_ALLOCATION = "org.lle.memory.EmergencyAllocation";

    /** Resolving the literal loads the holder (not JFR) when this class initializes: see {@link #preload()}. */
    private static final Class<?> HOLDER = Types.class;

    private PoolEvents() {
    }

    /**
     * Loads this class and its holder now (the caller's constructor), while class files can still be read: a
     * first event may come when no file descriptor is left. JFR itself is not touched.
     */
    static void preload() {
        // calling this initialized the class, which resolved HOLDER, which loaded Types
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

    private static ValueDescriptor field(Class<?> type, String name, String label) {
        return new ValueDescriptor(type, name, List.of(new AnnotationElement(Label.class, label)));
    }

    private static ValueDescriptor bytes(Class<?> type, String name, String label) {
        return new ValueDescriptor(type, name, List.of(new AnnotationElement(Label.class, label),
                new AnnotationElement(DataAmount.class, DataAmount.BYTES)));
    }

    /**
     * The event types, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Types {
        static final EventFactory REFUSAL = EventFactory.create(List.of(
                new AnnotationElement(Name.class, BUDGET_REFUSAL),
                new AnnotationElement(Label.class, "Pool Allocation Refused"),
                new AnnotationElement(Category.class, new String[] {"LLE Memory", "Pools"}),
                new AnnotationElement(Description.class, "A pool allocation was refused: a budget, every allowed "
                        + "pool, the JVM's direct memory or the emergency reserve said no"),
                new AnnotationElement(Enabled.class, false),
                new AnnotationElement(StackTrace.class, true)),
                List.of(field(String.class, "poolType", "Pool Type"),
                        bytes(int.class, "size", "Requested Size"),
                        field(String.class, "strategy", "Strategy"),
                        bytes(long.class, "budgetBytes", "Budget"),
                        field(String.class, "reason", "Reason")));
        static final EventType REFUSAL_TYPE = REFUSAL.getEventType();

        static final EventFactory EMERGENCY = EventFactory.create(List.of(
                new AnnotationElement(Name.class, EMERGENCY_ALLOCATION),
                new AnnotationElement(Label.class, "Emergency Reserve Allocation"),
                new AnnotationElement(Category.class, new String[] {"LLE Memory", "Pools"}),
                new AnnotationElement(Description.class, "An allocation was served by the emergency reserve"),
                new AnnotationElement(Enabled.class, false),
                new AnnotationElement(StackTrace.class, true)),
                List.of(field(String.class, "poolType", "Pool Type"),
                        bytes(int.class, "size", "Requested Size"),
                        bytes(long.class, "reserveUsedBytes", "Reserve In Use"),
                        bytes(long.class, "reserveBytes", "Reserve Capacity")));
        static final EventType EMERGENCY_TYPE = EMERGENCY.getEventType();

        private Types() {
        }
    }
}
