package org.lle.memory.secure.noop.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.secure.SecureBuffer;

/**
 * An unlocked secure buffer over direct memory. Accesses hold the read side of a {@link StampedLock}, so they
 * run in parallel and cost one uncontended CAS each; {@link #clear()} and {@link #close()} take the write side,
 * so a close waits for accesses in flight and no access ever sees a half-wiped buffer or runs after the wipe.
 * An open {@link NoopAccess} holds the read side for its whole life; a close from another thread waits for it
 * at most {@link #accessWaitNanos}, then wipes without the lock and throws (the memory is this buffer's own, so
 * nobody else's memory is at stake), and the access's close wipes once more.
 */
final class NoopSecureBuffer implements SecureBuffer {
    private static final Cleaner CLEANER = Cleaner.create();
    /** How long a close waits for an access open on another thread (as the POSIX provider does); tests shorten it. */
    static volatile long accessWaitNanos = TimeUnit.SECONDS.toNanos(30);
    private static final VarHandle ACCESS;

    static {
        try {
            ACCESS = MethodHandles.lookup().findVarHandle(NoopSecureBuffer.class, "access", NoopAccess.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int size;
    private final BufferMemory memory;
    private final Cleaner.Cleanable cleanable;
    private final StampedLock lock = new StampedLock();
    private volatile boolean closed;
    /** The open access, {@code null} when none; set by compare-and-set so two cannot open. */
    private volatile NoopAccess access;
    /** Set when a close gave up waiting for {@link #access}: its close wipes again. */
    private volatile boolean abandoned;

    NoopSecureBuffer(int size, LeakReporter leaks) {
        this.size = size;
        this.memory = new BufferMemory(size, leaks);
        this.cleanable = CLEANER.register(this, memory);
    }

    /** For tests: the memory behind this buffer, to check the wipe through an independent view. */
    ByteBuffer memoryForTest() {
        return memory.bytes();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte get(int index) {
        Bounds.index(index, size);
        long stamp = openForAccess();
        try {
            return memory.bytes().get(index);
        } finally {
            endAccess(stamp);
        }
    }

    @Override
    public void put(int index, byte value) {
        Bounds.index(index, size);
        long stamp = openForAccess();
        try {
            memory.bytes().put(index, value);
        } finally {
            endAccess(stamp);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        Bounds.transfer(index, dst, offset, length, size);
        long stamp = openForAccess();
        try {
            memory.bytes().get(index, dst, offset, length);
        } finally {
            endAccess(stamp);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        Bounds.transfer(index, src, offset, length, size);
        long stamp = openForAccess();
        try {
            memory.bytes().put(index, src, offset, length);
        } finally {
            endAccess(stamp);
        }
    }

    /** One read-lock hold; position and limit of {@code dst} read once; bounds checked before any byte moves. */
    @Override
    public void read(int index, ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int position = dst.position();
        int length = dst.limit() - position;
        Bounds.range(index, length, size);
        long stamp = openForAccess();
        try {
            dst.put(position, memory.bytes(), index, length);
        } finally {
            endAccess(stamp);
        }
        dst.position(position + length);
    }

    /** As {@link #read(int, ByteBuffer)}, the other way. */
    @Override
    public void write(int index, ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        int position = src.position();
        int length = src.limit() - position;
        Bounds.range(index, length, size);
        long stamp = openForAccess();
        try {
            memory.bytes().put(index, src, position, length);
        } finally {
            endAccess(stamp);
        }
        src.position(position + length);
    }

    @Override
    public void copy(int from, int to, int length) {
        long stamp = openForAccess();
        try {
            copyWithin(memory.bytes(), size, from, to, length);
        } finally {
            endAccess(stamp);
        }
    }

    @Override
    public void fill(int index, int length, byte value) {
        long stamp = openForAccess();
        try {
            fillWithin(memory.bytes(), size, index, length, value);
        } finally {
            endAccess(stamp);
        }
    }

    static void copyWithin(ByteBuffer bytes, int size, int from, int to, int length) {
        Bounds.range(from, length, size);
        Bounds.range(to, length, size);
        bytes.put(to, bytes, from, length); // a memmove: the JDK copies overlapping ranges whole
    }

    static void fillWithin(ByteBuffer bytes, int size, int index, int length, byte value) {
        Bounds.range(index, length, size);
        for (int i = index, end = index + length; i < end; i++) {
            bytes.put(i, value);
        }
    }

    @Override
    public Access access() {
        long stamp = openForAccess();
        NoopAccess opened = new NoopAccess(this, memory.bytes(), size, stamp);
        if (!ACCESS.compareAndSet(this, null, opened)) {
            lock.unlockRead(stamp);
            NoopAccess open = access;
            throw new IllegalStateException("secure buffer of " + size + " bytes: an access is already open on it"
                    + (open == null ? "" : " (thread " + open.owner.getName() + ")") + "; accesses do not nest, "
                    + "close that one first");
        }
        return opened;
    }

    /** The open access closed (on its own thread). */
    void accessClosed(NoopAccess closing) {
        access = null;
        lock.unlockRead(closing.stamp);
        if (abandoned) {
            Wipe.range(memory.bytes(), 0, size);
        }
        Reference.reachabilityFence(this);
    }

    @Override
    public boolean isLocked() {
        return false;
    }

    @Override
    public boolean contentEquals(byte[] other) {
        long stamp = openForAccess();
        try {
            if (other == null || other.length != size) {
                return false;
            }
            // no early exit and no copy: time depends on the size only, and the secret never lands on the heap
            ByteBuffer bytes = memory.bytes();
            int difference = 0;
            for (int i = 0; i < size; i++) {
                difference |= bytes.get(i) ^ other[i];
            }
            return difference == 0;
        } finally {
            endAccess(stamp);
        }
    }

    @Override
    public void clear() {
        if (access != null) { // under the read side, as the access holds it: waiting for it could be forever
            long stamp = openForAccess();
            try {
                Wipe.range(memory.bytes(), 0, size);
            } finally {
                endAccess(stamp);
            }
            return;
        }
        long stamp = lock.writeLock();
        try {
            ensureOpen();
            Wipe.range(memory.bytes(), 0, size);
        } finally {
            lock.unlockWrite(stamp);
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        NoopAccess open = access;
        if (open != null && open.owner == Thread.currentThread()) {
            open.close(); // the buffer's close on the access's own thread closes the access first
        }
        long stamp = writeLockWaitingForAccess();
        if (stamp == 0) {
            closeAbandoningAccess();
            return;
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            memory.markClosedByOwner();
            cleanable.clean();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** @return the write stamp, or 0 when an open access kept it longer than {@link #accessWaitNanos} */
    private long writeLockWaitingForAccess() {
        long deadline = System.nanoTime() + accessWaitNanos;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long stamp = lock.tryWriteLock(10, TimeUnit.MILLISECONDS);
                    if (stamp != 0) {
                        return stamp;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (System.nanoTime() - deadline > 0 && access != null) {
                    return 0;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The wait for an access on another thread ran out: wipe now without the lock, again when it closes. */
    private void closeAbandoningAccess() {
        synchronized (this) {
            if (closed) {
                return;
            }
            abandoned = true;
            closed = true;
        }
        NoopAccess open = access;
        memory.markClosedByOwner();
        cleanable.clean();
        throw new IllegalStateException("secure buffer of " + size + " bytes: an access opened on thread "
                + (open == null ? "?" : open.owner.getName()) + " stayed open for over "
                + TimeUnit.NANOSECONDS.toMillis(accessWaitNanos) + " ms; the buffer was wiped and is closed, and "
                + "is wiped again when that access closes");
    }

    private long openForAccess() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            throw closedException();
        }
        return stamp;
    }

    private void endAccess(long stamp) {
        lock.unlockRead(stamp);
        // the cleaner must not wipe while an access that no longer reads a field of this is still running
        Reference.reachabilityFence(this);
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("secure buffer of " + size + " bytes is closed (it was wiped)");
    }
}
