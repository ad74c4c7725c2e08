package org.lle.memory.secure.posix.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.lle.memory.internal.wait.SpinWait;

/**
 * The lock of one stripe of the {@link PageLockTable}: taken with a compare-and-set, left with a release store.
 * A {@code ReentrantLock} leaves with a volatile store, a full fence on x86, and an enable or disable on an
 * already-locked page takes and leaves a lock every time: that fence was a fifth of the pair. Not reentrant: a
 * call takes each stripe it needs once. A waiter spins, yields, then parks briefly and looks again, so a
 * virtual thread waiting for it unmounts, and one holding it through an mlock of a large region keeps no
 * thread spinning.
 */
final class StripeLock {
    private static final SpinWait HELD_ELSEWHERE = new SpinWait(256, 64, 50_000);
    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(StripeLock.class, "held", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through HELD
    private volatile int held;

    void lock() {
        while (!HELD.compareAndSet(this, 0, 1)) {
            HELD_ELSEWHERE.awaitWhile(this, StripeLock::isHeld, Long.MAX_VALUE);
        }
    }

    void unlock() {
        HELD.setRelease(this, 0);
    }

    boolean isHeld() {
        return (int) HELD.getVolatile(this) != 0;
    }
}
