package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * A real provider whose buffers run a hook before every write into them: a test can act at the moment a
 * migration is copying a secret into the new provider (take a heap dump then, say). No byte is copied on the
 * way: every call goes straight to the real buffer.
 */
final class HookedProvider implements SecureMemory {
    private final SecureMemory memory;
    private final Runnable beforeWrite;

    HookedProvider(SecureMemory memory, Runnable beforeWrite) {
        this.memory = memory;
        this.beforeWrite = beforeWrite;
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        return memory.enableSecureMode(region);
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return memory.secureClear(region);
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return memory.secureClear(data);
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return memory.secureClear(data);
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        return memory.disableSecureMode(region);
    }

    @Override
    public SecureBuffer allocate(int size) {
        return new Hooked(memory.allocate(size));
    }

    @Override
    public int maxAllocationSize() {
        return memory.maxAllocationSize();
    }

    @Override
    public SecureMemoryInfo info() {
        return memory.info();
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
