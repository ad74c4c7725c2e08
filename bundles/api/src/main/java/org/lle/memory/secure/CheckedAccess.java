package org.lle.memory.secure;

import java.util.Objects;

/**
 * The {@link SecureBuffer.Access} a provider gets when it does not offer its own: it checks the thread and its
 * own close, then calls the buffer's methods, so each call is also checked by the buffer. Package-private: the
 * default of an interface method needs a body, and this is it; it is no part of the API.
 */
final class CheckedAccess implements SecureBuffer.Access {
    private final SecureBuffer buffer;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    CheckedAccess(SecureBuffer buffer) {
        if (buffer.isClosed()) {
            throw new IllegalStateException("secure buffer of " + buffer.size() + " bytes is closed");
        }
        this.buffer = buffer;
    }

    @Override
    public int size() {
        check();
        return buffer.size();
    }

    @Override
    public byte get(int index) {
        check();
        return buffer.get(index);
    }

    @Override
    public void put(int index, byte value) {
        check();
        buffer.put(index, value);
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        check();
        buffer.read(index, dst, offset, length);
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        check();
        buffer.write(index, src, offset, length);
    }

    @Override
    public void copy(int from, int to, int length) {
        check();
        buffer.copy(from, to, length);
    }

    @Override
    public void fill(int index, int length, byte value) {
        check();
        buffer.fill(index, length, value);
    }

    @Override
    public boolean rangeEquals(int index, byte[] other, int offset, int length) {
        check();
        Objects.requireNonNull(other, "other");
        Objects.checkFromIndexSize(index, length, buffer.size());
        Objects.checkFromIndexSize(offset, length, other.length);
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= buffer.get(index + i) ^ other[offset + i];
        }
        return difference == 0;
    }

    @Override
    public void close() {
        checkThread();
        closed = true;
    }

    private void check() {
        checkThread();
        if (closed) {
            throw new IllegalStateException("this access to a secure buffer of " + buffer.size() + " bytes is closed");
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("this access to a secure buffer belongs to thread " + owner.getName()
                    + ", not to " + Thread.currentThread().getName());
        }
    }
}
