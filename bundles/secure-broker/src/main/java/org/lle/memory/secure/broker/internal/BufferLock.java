package org.lle.memory.secure.broker.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.StampedLock;

/**
 * The lock and the close state of one {@link BrokeredBuffer}: whether it is closed and why, and the one access
 * open on it.
 *
 * <p>Reads and writes hold the read side of a {@link StampedLock}; migration, clear and close hold the write
 * side. So accesses to one buffer run in parallel and cost one uncontended CAS on the fast path, while a
 * migration never copies a half-written buffer and no access ever reaches a delegate that is being wiped.
 * {@code StampedLock} rather than {@code ReentrantReadWriteLock} (which keeps per-thread hold counts: more
 * work per access, and reentrancy is not needed here) or {@code synchronized} (which would serialise readers).
 */
final class BufferLock {
    private static final VarHandle CLOSED_BECAUSE;
    private static final VarHandle ACCESS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSED_BECAUSE = lookup.findVarHandle(BufferLock.class, "closedBecause", String.class);
            ACCESS = lookup.findVarHandle(BufferLock.class, "access", BrokeredAccess.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StampedLock lock = new StampedLock();
    /** {@code null} while open; otherwise why the buffer is closed (the message of later accesses). */
    private volatile String closedBecause;
    /** The open access, {@code null} when none; set by compare-and-set so two cannot open. */
    private volatile BrokeredAccess access;

    long tryOptimisticRead() {
        return lock.tryOptimisticRead();
    }

    boolean validate(long stamp) {
        return lock.validate(stamp);
    }

    long readLock() {
        return lock.readLock();
    }

    void unlockRead(long stamp) {
        lock.unlockRead(stamp);
    }

    long writeLock() {
        return lock.writeLock();
    }

    void unlockWrite(long stamp) {
        lock.unlockWrite(stamp);
    }

    /**
     * @return a read stamp, the buffer open
     * @throws IllegalStateException saying why the buffer is closed (nothing held then)
     */
    long openForAccess() {
        long stamp = lock.readLock();
        String reason = closedBecause;
        if (reason != null) {
            lock.unlockRead(stamp);
            throw new IllegalStateException(reason);
        }
        return stamp;
    }

    /** @throws IllegalStateException saying why the buffer is closed */
    void ensureOpen() {
        String reason = closedBecause;
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    /**
     * Waits for the write side as long as it takes while no access is open (the readers are single accesses,
     * each a bounded copy, or a migration), and at most {@code accessWaitNanos} while one is.
     *
     * @return the write stamp, or 0 when an access was open for longer than that
     */
    long writeLockUnlessAccessOpen(long accessWaitNanos) {
        return AccessOpenException.writeLockUnless(lock, () -> access != null, accessWaitNanos);
    }

    /** @return why the buffer is closed, {@code null} while it is open */
    String closedBecause() {
        return closedBecause;
    }

    /** @return whether this call closed the buffer with {@code reason} (false: it was closed already) */
    boolean close(String reason) {
        return CLOSED_BECAUSE.compareAndSet(this, null, reason);
    }

    /** @return the open access, {@code null} when none */
    BrokeredAccess access() {
        return access;
    }

    /** @return whether {@code opened} is now the open access (false: another opened first) */
    boolean accessOpened(BrokeredAccess opened) {
        return ACCESS.compareAndSet(this, null, opened);
    }

    /** {@code closing} is no longer the open access. */
    void accessClosed(BrokeredAccess closing) {
        ACCESS.compareAndSet(this, closing, null);
    }
}
