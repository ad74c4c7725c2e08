package org.lle.memory.secure.broker.internal;

import org.lle.memory.secure.SecureBuffer;

/**
 * The open access of a {@link BrokeredBuffer}: the access of the provider buffer that holds the bytes now, plus
 * the read side of the brokered buffer's lock, held from open to close, so no migration moves the bytes away
 * under it. Every call goes straight to the provider's access, whose checks (thread, close, index) are the
 * checks of this one: it belongs to the same thread and is closed with it.
 */
final class BrokeredAccess implements SecureBuffer.Access {
    final Thread owner = Thread.currentThread();
    private final BrokeredBuffer buffer;
    private final SecureBuffer.Access inner;
    /** the read stamp held while open */
    final long stamp;
    /** the host's handle of the buffer, kept reachable while this access is, so its cleaner does not run */
    @SuppressWarnings("unused")
    private final Object holder;
    private boolean closed;

    BrokeredAccess(BrokeredBuffer buffer, SecureBuffer.Access inner, long stamp, Object holder) {
        this.buffer = buffer;
        this.holder = holder;
        this.inner = inner;
        this.stamp = stamp;
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public byte get(int index) {
        return inner.get(index);
    }

    @Override
    public void put(int index, byte value) {
        inner.put(index, value);
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        inner.read(index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        inner.write(index, src, offset, length);
    }

    @Override
    public void copy(int from, int to, int length) {
        inner.copy(from, to, length);
    }

    @Override
    public void fill(int index, int length, byte value) {
        inner.fill(index, length, value);
    }

    @Override
    public boolean rangeEquals(int index, byte[] other, int offset, int length) {
        return inner.rangeEquals(index, other, offset, length);
    }

    /** Closes the provider's access, then lets migrations and closes of the buffer go on. Idempotent. */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            inner.close(); // throws: the provider's access refuses other threads
            throw new IllegalStateException("this access to a secure buffer belongs to thread " + owner.getName());
        }
        if (!closed) {
            closed = true;
            try {
                inner.close();
            } finally {
                buffer.accessClosed(this);
            }
        }
    }
}
