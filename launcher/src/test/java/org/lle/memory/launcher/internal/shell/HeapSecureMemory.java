package org.lle.memory.launcher.internal.shell;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/** A test double: buffers on the heap, so a test can corrupt or close them behind their owner's back. */
final class HeapSecureMemory implements SecureMemory {
    final List<Buffer> buffers = new ArrayList<>();

    static final class Buffer implements SecureBuffer {
        private final byte[] data;
        private volatile boolean closed;

        Buffer(int size) {
            data = new byte[size];
        }

        private void open() {
            if (closed) {
                throw new IllegalStateException("closed");
            }
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public synchronized byte get(int index) {
            open();
            return data[index];
        }

        @Override
        public synchronized void put(int index, byte value) {
            open();
            data[index] = value;
        }

        @Override
        public synchronized void read(int index, byte[] dst, int offset, int length) {
            open();
            System.arraycopy(data, index, dst, offset, length);
        }

        @Override
        public synchronized void write(int index, byte[] src, int offset, int length) {
            open();
            System.arraycopy(src, offset, data, index, length);
        }

        @Override
        public boolean isLocked() {
            return false;
        }

        @Override
        public synchronized boolean contentEquals(byte[] other) {
            open();
            return Arrays.equals(data, other);
        }

        @Override
        public synchronized void clear() {
            Arrays.fill(data, (byte) 0);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public synchronized void close() {
            Arrays.fill(data, (byte) 0);
            closed = true;
        }
    }

    @Override
    public synchronized SecureBuffer allocate(int size) {
        Buffer b = new Buffer(size);
        buffers.add(b);
        return b;
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        return SecureResult.FEATURE_NOT_AVAILABLE;
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return SecureResult.FEATURE_NOT_AVAILABLE;
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        Arrays.fill(data, (byte) 0);
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureResult secureClear(char[] data) {
        Arrays.fill(data, '\0');
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        return SecureResult.FEATURE_NOT_AVAILABLE;
    }

    @Override
    public int maxAllocationSize() {
        return 1 << 20;
    }

    @Override
    public SecureMemoryInfo info() {
        return new SecureMemoryInfo("heap", true, "test double", Set.of(), 0, -1);
    }
}
