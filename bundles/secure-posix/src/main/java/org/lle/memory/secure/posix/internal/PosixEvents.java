package org.lle.memory.secure.posix.internal;

import java.util.List;
import java.util.function.Supplier;
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

/**
 * The POSIX provider's JDK Flight Recorder events, off unless a recording enables them: {@value #LOCK_FAILURE}
 * (every chunk or enabled region whose mlock failed) and {@value #DEGRADATION} (the provider lost a
 * protection: its first unlocked chunk, its first memfd_secret fallback). Disabled, each costs one
 * {@link FlightRecorder#isInitialized()} read (and one {@link EventType#isEnabled()} read once JFR runs) on a
 * path that already made a failed system call.
 *
 * <p>Made with {@link EventFactory} rather than as {@code jdk.jfr.Event} subclasses: on JDK 17 a subclass's
 * commit links to a JFR-generated class a bundle class loader cannot see (see docs/monitoring.md).
 */
final class PosixEvents {
    static final String LOCK_FAILURE = "org.lle.memory.LockFailure";
    static final String DEGRADATION = "org.lle.memory.Degradation";

    /** Resolving the literal loads the holder (not JFR) when this class initializes: see {@link #preload()}. */
    private static final Class<?> HOLDER = Types.class;

    private PosixEvents() {
    }

    /**
     * Loads this class and its holder now (the caller's constructor), while class files can still be read: a
     * first event may come when no file descriptor is left. JFR itself is not touched.
     */
    static void preload() {
        // calling this initialized the class, which resolved HOLDER, which loaded Types
    }

    /** A new chunk could not be locked; {@code lockedBytes} is what the arena held locked before it. */
    static void chunkLockFailed(long bytes, NativeFailure failure, boolean strict, long lockedBytes,
            Supplier<String> limit) {
        if (FlightRecorder.isInitialized() && Types.LOCK_TYPE.isEnabled()) {
            lockFailed("chunk", bytes, failure.errno(), failure.getMessage(), strict, lockedBytes, limit.get());
        }
    }

    /** A caller's region could not be locked by enableSecureMode; the call returns the errno's result code. */
    static void regionLockFailed(long bytes, int errno, long lockedBytes) {
        if (FlightRecorder.isInitialized() && Types.LOCK_TYPE.isEnabled()) {
            lockFailed("region", bytes, errno, new NativeFailure("mlock of an enabled region", errno).getMessage(),
                    false, lockedBytes, "");
        }
    }

    private static void lockFailed(String what, long bytes, int errno, String message, boolean strict,
            long lockedBytes, String limit) {
        Event event = Types.LOCK.newEvent();
        event.set(0, what);
        event.set(1, bytes);
        event.set(2, errno);
        event.set(3, message);
        event.set(4, strict);
        event.set(5, lockedBytes);
        event.set(6, limit);
        event.commit();
    }

    static void degraded(String reason) {
        if (FlightRecorder.isInitialized() && Types.DEGRADED_TYPE.isEnabled()) {
            Event event = Types.DEGRADED.newEvent();
            event.set(0, "posix");
            event.set(1, reason);
            event.set(2, "posix");
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
        static final EventFactory LOCK = EventFactory.create(List.of(
                new AnnotationElement(Name.class, LOCK_FAILURE),
                new AnnotationElement(Label.class, "Secure Memory Lock Failure"),
                new AnnotationElement(Category.class, new String[] {"LLE Memory", "Secure Memory"}),
                new AnnotationElement(Description.class, "mlock of a new secure-memory chunk failed: its buffers are "
                        + "not locked in RAM (or, in strict mode, the allocation was refused)"),
                new AnnotationElement(Enabled.class, false),
                new AnnotationElement(StackTrace.class, true)),
                List.of(field(String.class, "what", "What Was Locked"),
                        bytes(long.class, "bytes", "Bytes"),
                        field(int.class, "errno", "errno"),
                        field(String.class, "message", "Message"),
                        field(boolean.class, "strict", "Strict Mode Refused The Allocation"),
                        bytes(long.class, "lockedBytes", "Locked Before"),
                        field(String.class, "lockLimit", "Lock Limit")));
        static final EventType LOCK_TYPE = LOCK.getEventType();

        // the same name and fields as the broker's Degradation event, so one setting enables both
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
