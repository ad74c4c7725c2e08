package org.lle.memory.secure.posix.internal;

import java.util.function.Supplier;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.lle.memory.internal.jfr.DegradationEvent;
import org.lle.memory.internal.jfr.EventDefinition;

/**
 * The POSIX provider's JDK Flight Recorder events, off unless a recording enables them: {@value #LOCK_FAILURE}
 * (every chunk or enabled region whose mlock failed) and {@value #DEGRADATION} (the provider lost a
 * protection: its first unlocked chunk, its first memfd_secret fallback). Disabled, each costs one
 * {@link FlightRecorder#isInitialized()} read (and one {@link EventType#isEnabled()} read once JFR runs) on a
 * path that already made a failed system call.
 *
 * <p>The types are described with the shared {@link EventDefinition} (why {@link EventFactory}: its javadoc).
 */
final class PosixEvents {
    static final String LOCK_FAILURE = "org.lle.memory.LockFailure";
    static final String DEGRADATION = DegradationEvent.NAME;

    /** Resolving the literals loads the holder and the builder (not JFR): see {@link #preload()}. */
    private static final Class<?> HOLDER = Types.class;
    private static final Class<?> BUILDER = EventDefinition.class;

    private PosixEvents() {
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

    /** The provider lost a protection: the shared {@link DegradationEvent}, seen by the provider itself. */
    static void degraded(String reason) {
        DegradationEvent.record("posix", reason, "posix");
    }

    /**
     * The event type, made on first use once JFR runs: making the first one initializes JFR (hundreds of
     * milliseconds and some memory), which a process that never records must not pay.
     */
    private static final class Types {
        static final EventFactory LOCK = EventDefinition.named(LOCK_FAILURE, "Secure Memory Lock Failure")
                .category("LLE Memory", "Secure Memory")
                .description("mlock of a new secure-memory chunk failed: its buffers are not locked in RAM (or, in "
                        + "strict mode, the allocation was refused)")
                .stackTrace(true)
                .field(String.class, "what", "What Was Locked")
                .bytes(long.class, "bytes", "Bytes")
                .field(int.class, "errno", "errno")
                .field(String.class, "message", "Message")
                .field(boolean.class, "strict", "Strict Mode Refused The Allocation")
                .bytes(long.class, "lockedBytes", "Locked Before")
                .field(String.class, "lockLimit", "Lock Limit")
                .factory();
        static final EventType LOCK_TYPE = LOCK.getEventType();

        private Types() {
        }
    }
}
