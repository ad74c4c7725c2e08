package org.lle.memory.secure.noop.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.lle.memory.internal.access.AccessChecks;
import org.lle.memory.secure.SecureBuffer;

/**
 * The open access of one {@link NoopSecureBuffer}: it holds the read side of the buffer's lock from open to
 * close, so a close from another thread waits for it and each call here needs only its checks: the calling
 * thread against the final {@link #owner}, this view's own close (a plain field, only the owner writes and reads
 * it), and the index. The memory is this buffer's own direct buffer, never shared with another buffer, and this
 * view keeps it reachable, so even a view used past a buffer close that gave up waiting touches no one else's
 * memory.
 */
final class NoopAccess implements SecureBuffer.Access {
    final Thread owner = Thread.currentThread();
    private final NoopSecureBuffer buffer;
    private final ByteBuffer bytes;
    private final int size;
    /** the read stamp held while open */
    final long stamp;
    private boolean closed;

    NoopAccess(NoopSecureBuffer buffer, ByteBuffer bytes, int size, long stamp) {
        this.buffer = buffer;
        this.bytes = bytes;
        this.size = size;
        this.stamp = stamp;
    }

    @Override
    public int size() {
        check();
        return size;
    }

    @Override
    public byte get(int index) {
        check();
        return bytes.get(Objects.checkIndex(index, size));
    }

    @Override
    public void put(int index, byte value) {
        check();
        bytes.put(Objects.checkIndex(index, size), value);
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        check();
        Bounds.transfer(index, dst, offset, length, size);
        bytes.get(index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        check();
        Bounds.transfer(index, src, offset, length, size);
        bytes.put(index, src, offset, length);
    }

    @Override
    public void copy(int from, int to, int length) {
        check();
        NoopSecureBuffer.copyWithin(bytes, size, from, to, length);
    }

    @Override
    public void fill(int index, int length, byte value) {
        check();
        NoopSecureBuffer.fillWithin(bytes, size, index, length, value);
    }

    @Override
    public boolean rangeEquals(int index, byte[] other, int offset, int length) {
        check();
        Bounds.transfer(index, other, offset, length, size);
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= bytes.get(index + i) ^ other[offset + i];
        }
        return difference == 0;
    }

    /** Idempotent; lets a waiting close go on, or finishes one that gave up waiting. */
    @Override
    public void close() {
        checkOwner();
        if (!closed) {
            closed = true;
            buffer.accessClosed(this);
        }
    }

    private void check() {
        checkOwner();
        if (closed) {
            throw AccessChecks.closedSecureAccess(size);
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw AccessChecks.foreignSecureAccess(owner);
        }
    }
}
