package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * A real provider whose buffers run a hook before every write into them: a test can act at the moment a
 * migration is copying a secret into the new provider (take a heap dump then, say). No byte is copied on the
 * way: every call goes straight to the real buffer.
 */
final class HookedProvider extends DelegatingProvider {
    private final Runnable beforeWrite;

    HookedProvider(SecureMemory memory, Runnable beforeWrite) {
        super(memory);
        this.beforeWrite = beforeWrite;
    }

    @Override
    public SecureBuffer allocate(int size) {
        return new Hooked(super.allocate(size));
    }

    private final class Hooked implements SecureBuffer {
        private final SecureBuffer buffer;

        Hooked(SecureBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int size() {
            return buffer.size();
        }

        @Override
        public byte get(int index) {
            return buffer.get(index);
        }

        @Override
        public void put(int index, byte value) {
            buffer.put(index, value);
        }

        @Override
        public void read(int index, byte[] dst, int offset, int length) {
            buffer.read(index, dst, offset, length);
        }

        @Override
        public void write(int index, byte[] src, int offset, int length) {
            beforeWrite.run();
            buffer.write(index, src, offset, length);
        }

        @Override
        public void read(int index, ByteBuffer dst) {
            buffer.read(index, dst);
        }

        @Override
        public void write(int index, ByteBuffer src) {
            beforeWrite.run();
            buffer.write(index, src);
        }

        @Override
        public boolean isLocked() {
            return buffer.isLocked();
        }

        @Override
        public boolean contentEquals(byte[] other) {
            return buffer.contentEquals(other);
        }

        @Override
        public void clear() {
            buffer.clear();
        }

        @Override
        public boolean isClosed() {
            return buffer.isClosed();
        }

        @Override
        public void close() {
            buffer.close();
        }
    }
}
