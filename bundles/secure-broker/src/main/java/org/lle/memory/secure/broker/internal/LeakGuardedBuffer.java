package org.lle.memory.secure.broker.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.lle.memory.secure.SecureBuffer;

/**
 * What the host holds. The broker keeps the {@link BrokeredBuffer} behind it strongly (to move it on a swap),
 * so without this handle a buffer the host dropped unclosed would stay alive, and locked, until the broker
 * stops. When this handle becomes unreachable, a cleaner wipes and closes the buffer and reports the leak.
 * Each method fences {@code this}, so the cleaner cannot close the buffer under a call still running.
 */
final class LeakGuardedBuffer implements SecureBuffer {
    private static final Cleaner CLEANER = Cleaner.create();

    private final BrokeredBuffer buffer;
    private final Cleaner.Cleanable cleanable;

    LeakGuardedBuffer(BrokeredBuffer buffer) {
        this.buffer = buffer;
        this.cleanable = CLEANER.register(this, buffer::closeAsLeaked);
    }

    @Override
    public int size() {
        return buffer.size();
    }

    @Override
    public byte get(int index) {
        try {
            return buffer.get(index);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void put(int index, byte value) {
        try {
            buffer.put(index, value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset, int length) {
        try {
            buffer.read(index, dst, offset, length);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void copy(int from, int to, int length) {
        try {
            buffer.copy(from, to, length);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void fill(int index, int length, byte value) {
        try {
            buffer.fill(index, length, value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The access keeps this handle reachable while it is: no leak is reported under an access in use. */
    @Override
    public Access access() {
        try {
            return buffer.access(this);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void write(int index, byte[] src, int offset, int length) {
        try {
            buffer.write(index, src, offset, length);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void read(int index, ByteBuffer dst) {
        try {
            buffer.read(index, dst);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void write(int index, ByteBuffer src) {
        try {
            buffer.write(index, src);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean isLocked() {
        try {
            return buffer.isLocked();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean contentEquals(byte[] other) {
        try {
            return buffer.contentEquals(other);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void clear() {
        try {
            buffer.clear();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean isClosed() {
        return buffer.isClosed();
    }

    @Override
    public void close() {
        try {
            buffer.close();
        } finally {
            // the buffer is closed now (even if its provider threw), so the cleaning action finds nothing to do
            cleanable.clean();
        }
    }

    /** For tests: the buffer the broker moves. */
    BrokeredBuffer brokered() {
        return buffer;
    }
}
