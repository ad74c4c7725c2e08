package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lle.memory.secure.SecureBuffer;

/**
 * A secure buffer that outlives its provider: it wraps a buffer of the provider bound now and moves into the
 * next provider's memory on a swap.
 *
 * <p>Locking ({@link BufferLock}): reads and writes hold the read side; migration, clear and close hold the
 * write side. Only {@link #get(int)} reads optimistically first (see there): for the other calls a delegate
 * closed under an optimistic reader would have to be told apart from the caller's own errors, for little gain.
 *
 * <p>An open {@link BrokeredAccess} holds the read side for its whole life. A swap does not wait for it: the
 * buffer stays in its provider, and moves when the access closes. A close from another thread does not wait for
 * the lock either: it marks the buffer closed and closes the delegate, whose close waits for the delegate's
 * access (bounded) as for any buffer of that provider. A migration that finds the buffer closed does nothing.
 */
final class BrokeredBuffer implements SecureBuffer {
    static final String PROVIDER_GONE = "secure memory provider went away; buffer was wiped";
    /** How long a move out of a leaving provider waits for an open access to close (as a provider's close). */
    static final long ACCESS_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final String LEAKED = "secure buffer was never closed; the broker wiped it when it became unreachable";

    private final int size;
    private final HotSwapBroker broker;
    private final BufferLock lock = new BufferLock();
    /** Guarded by {@link #lock}: written only under its write side. */
    private SecureBuffer delegate;
    private BoundProvider owner;

    BrokeredBuffer(int size, SecureBuffer delegate, BoundProvider owner, HotSwapBroker broker) {
        this.size = size;
        this.delegate = delegate;
        this.owner = owner;
        this.broker = broker;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Reads optimistically first: a read changes nothing, so one that raced a migration or a close is simply
     * done again under the read side. The delegate it reached is one this buffer held, open (its own checks let
     * no access past its close), so the optimistic read never touches memory this buffer does not own.
     */
    @Override
    public byte get(int index) {
        long optimistic = lock.tryOptimisticRead();
        SecureBuffer now = delegate;
        if (optimistic != 0 && now != null && lock.closedBecause() == null) {
            try {
                byte value = now.get(index);
                if (lock.validate(optimistic)) {
                    return value;
                }
            } catch (IllegalStateException closedMeanwhile) {
                // moved or closed under the optimistic read: decide under the read side
            }
        }
        long stamp = lock.openForAccess();
        try {
            return delegate.get(index);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void put(int index, byte value) {
        long stamp = lock.openForAccess();
        try {
            delegate.put(index, value);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        long stamp = lock.openForAccess();
        try {
            delegate.read(index, dst, offset, length);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        long stamp = lock.openForAccess();
        try {
            delegate.write(index, src, offset, length);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void read(int index, ByteBuffer dst) {
        long stamp = lock.openForAccess();
        try {
            delegate.read(index, dst);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void write(int index, ByteBuffer src) {
        long stamp = lock.openForAccess();
        try {
            delegate.write(index, src);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void copy(int from, int to, int length) {
        long stamp = lock.openForAccess();
        try {
            delegate.copy(from, to, length);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void fill(int index, int length, byte value) {
        long stamp = lock.openForAccess();
        try {
            delegate.fill(index, length, value);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The provider's access under the read side, held until the access closes: see {@link BrokeredAccess}. */
    @Override
    public Access access() {
        return access(this);
    }

    /** @param holder kept reachable by the access (the host's handle, which a cleaner watches) */
    Access access(Object holder) {
        long stamp = lock.openForAccess();
        BrokeredAccess opened;
        try {
            if (lock.access() != null) {
                throw alreadyOpen();
            }
            opened = new BrokeredAccess(this, delegate.access(), stamp, holder);
        } catch (RuntimeException | Error e) {
            lock.unlockRead(stamp);
            throw e;
        }
        if (!lock.accessOpened(opened)) {
            lock.unlockRead(stamp);
            throw alreadyOpen();
        }
        return opened;
    }

    private IllegalStateException alreadyOpen() {
        BrokeredAccess open = lock.access();
        return new IllegalStateException("secure buffer of " + size + " bytes: an access is already open on it"
                + (open == null ? "" : " (thread " + open.owner.getName() + ")") + "; accesses do not nest, close "
                + "that one first");
    }

    /** The open access closed: migrations and closes may go on; a swap that left this buffer behind catches up. */
    void accessClosed(BrokeredAccess closing) {
        lock.accessClosed(closing);
        lock.unlockRead(closing.stamp);
        broker.catchUp(this);
    }

    /**
     * @return the provider holding the bytes, read without the lock by the thread whose access just closed: no
     *         migration ran while the access was open, and the last one before happened-before it opened
     */
    BoundProvider ownerAfterAccess() {
        return owner;
    }

    @Override
    public boolean contentEquals(byte[] other) {
        long stamp = lock.openForAccess();
        try {
            return delegate.contentEquals(other);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public boolean isLocked() {
        long stamp = lock.readLock();
        try {
            return lock.closedBecause() == null && delegate.isLocked();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** With an access open, under the read side (the delegate cannot move then); else under the write side. */
    @Override
    public void clear() {
        if (lock.access() != null) {
            long stamp = lock.openForAccess();
            try {
                delegate.clear();
            } finally {
                lock.unlockRead(stamp);
            }
            return;
        }
        long stamp = lock.writeLock();
        try {
            lock.ensureOpen();
            delegate.clear();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public boolean isClosed() {
        return lock.closedBecause() != null;
    }

    /** @return why the buffer is closed, {@code null} while it is open */
    String closedBecause() {
        return lock.closedBecause();
    }

    @Override
    public void close() {
        BrokeredAccess open = lock.access();
        if (open != null && open.owner == Thread.currentThread()) {
            open.close(); // the buffer's close on the access's own thread closes the access first
        }
        wipeAndClose("secure buffer of " + size + " bytes is closed (it was wiped)", broker::forget);
    }

    /** The cleaner's action when the host dropped the buffer unclosed. */
    void closeAsLeaked() {
        wipeAndClose(LEAKED, broker::leaked);
    }

    /** @return the provider whose memory holds the bytes now ({@code null} once closed) */
    BoundProvider owner() {
        long stamp = lock.readLock();
        try {
            return lock.closedBecause() == null ? owner : null;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Moves the bytes into a new buffer of {@code target}, then wipes and closes the old one. All accesses wait
     * meanwhile. When {@code target} cannot allocate, nothing changes and the exception is thrown.
     *
     * @return the provider the bytes left, or {@code null} when nothing moved (closed, or already in
     *         {@code target})
     */
    BoundProvider migrateTo(BoundProvider target, Transfer transfer) {
        return migrateTo(target, transfer, 0);
    }

    /**
     * @param accessWaitNanos how long to wait for an open access to close
     * @throws AccessOpenException when an access stayed open that long: nothing moved
     */
    BoundProvider migrateTo(BoundProvider target, Transfer transfer, long accessWaitNanos) {
        long stamp = lock.writeLockUnlessAccessOpen(accessWaitNanos);
        if (stamp == 0) {
            throw new AccessOpenException();
        }
        try {
            if (lock.closedBecause() != null || owner == target) {
                return null;
            }
            SecureBuffer moved = target.memory.allocate(size);
            try {
                transfer.copy(delegate, moved);
            } catch (RuntimeException | Error e) {
                moved.close();
                throw e;
            }
            SecureBuffer old = delegate;
            BoundProvider left = owner;
            delegate = moved;
            owner = target;
            try {
                old.close();
            } catch (RuntimeException e) {
                // the old copy is wiped and released all the same (a provider throws after, e.g. on a corrupted
                // canary): the move stands, the failure is reported
                broker.oldCopyFailedToClose(this, e);
            }
            return left;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Wipes and closes the delegate and marks this buffer closed with {@code reason}. Nothing happens when it was
     * already closed.
     *
     * @param closed the broker's bookkeeping, run when this call closed the buffer, even if the delegate's close
     *        throws (a provider that wiped and released, then reports a corrupted canary): the buffer is closed
     *        either way and must leave the broker's live set
     */
    void wipeAndClose(String reason, Consumer<BrokeredBuffer> closed) {
        long stamp = lock.writeLockUnlessAccessOpen(0);
        if (stamp == 0) { // no migration while the access holds the read side: the delegate stays as it is
            if (lock.close(reason)) {
                try {
                    delegate.close(); // waits for the delegate's access, bounded, as the provider does
                } finally {
                    closed.accept(this);
                }
            }
            return;
        }
        try {
            if (!lock.close(reason)) {
                return;
            }
            SecureBuffer old = delegate;
            delegate = null;
            owner = null;
            try {
                old.close();
            } finally {
                closed.accept(this);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
