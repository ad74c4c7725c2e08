package org.lle.memory.secure.noop.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import org.lle.memory.secure.SecureBuffer;

/**
 * An unlocked secure buffer over direct memory. Accesses hold the read side of a {@link StampedLock}, so they
 * run in parallel and cost one uncontended CAS each; {@link #clear()} and {@link #close()} take the write side,
 * so a close waits for accesses in flight and no access ever sees a half-wiped buffer or runs after the wipe.
 */
final class NoopSecureBuffer implements SecureBuffer {
    private static final Cleaner CLEANER = Cleaner.create();

    private final int size;
    private final BufferMemory memory;
    private final Cleaner.Cleanable cleanable;
    private final StampedLock lock = new StampedLock();
    private volatile boolean closed;

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
        long stamp = lock.writeLock();
        try {
            ensureOpen();
            Wipe.region(memory.bytes(), 0, size);
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
        long stamp = lock.writeLock();
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
