package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import org.lle.memory.secure.SecureBuffer;

/**
 * A secure buffer that outlives its provider: it wraps a buffer of the provider bound now and moves into the
 * next provider's memory on a swap.
 *
 * <p>Locking: reads and writes hold the read side of a {@link StampedLock}; migration, clear and close hold the
 * write side. So accesses to one buffer run in parallel and cost one uncontended CAS on the fast path, while a
 * migration never copies a half-written buffer and no access ever reaches a delegate that is being wiped.
 * {@code StampedLock} rather than {@code ReentrantReadWriteLock} (which keeps per-thread hold counts: more
 * work per access, and reentrancy is not needed here) or {@code synchronized} (which would serialise readers).
 * Optimistic reads are not used: a delegate closed under an optimistic reader would throw, not retry.
 */
final class BrokeredBuffer implements SecureBuffer {
    static final String PROVIDER_GONE = "secure memory provider went away; buffer was wiped";
    static final String LEAKED = "secure buffer was never closed; the broker wiped it when it became unreachable";

    private final int size;
    private final HotSwapBroker broker;
    private final StampedLock lock = new StampedLock();
    /** Guarded by {@link #lock}: written only under its write side. */
    private SecureBuffer delegate;
    private BoundProvider owner;
    /** {@code null} while open; otherwise why the buffer is closed (the message of later accesses). */
    private volatile String closedBecause;

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

    @Override
    public byte get(int index) {
        long stamp = openForAccess();
        try {
            return delegate.get(index);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void put(int index, byte value) {
        long stamp = openForAccess();
        try {
            delegate.put(index, value);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        long stamp = openForAccess();
        try {
            delegate.read(index, dst, offset, length);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        long stamp = openForAccess();
        try {
            delegate.write(index, src, offset, length);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void read(int index, ByteBuffer dst) {
        long stamp = openForAccess();
        try {
            delegate.read(index, dst);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void write(int index, ByteBuffer src) {
        long stamp = openForAccess();
        try {
            delegate.write(index, src);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public boolean contentEquals(byte[] other) {
        long stamp = openForAccess();
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
            return closedBecause == null && delegate.isLocked();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void clear() {
        long stamp = lock.writeLock();
        try {
            ensureOpen();
            delegate.clear();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public boolean isClosed() {
        return closedBecause != null;
    }

    /** @return why the buffer is closed, {@code null} while it is open */
    String closedBecause() {
        return closedBecause;
    }

    @Override
    public void close() {
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
            return closedBecause == null ? owner : null;
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
        long stamp = lock.writeLock();
        try {
            if (closedBecause != null || owner == target) {
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
        long stamp = lock.writeLock();
        try {
            if (closedBecause != null) {
                return;
            }
            closedBecause = reason;
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

    private long openForAccess() {
        long stamp = lock.readLock();
        String reason = closedBecause;
        if (reason != null) {
            lock.unlockRead(stamp);
            throw new IllegalStateException(reason);
        }
        return stamp;
    }

    private void ensureOpen() {
        String reason = closedBecause;
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }
}
