package org.lle.memory.secure.testkit;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * A test double over heap memory (for brokers, hosts and demos that sit on top of a provider) that remembers every buffer it handed out, so a test can check which were
 * closed and that each closed one was wiped. Regions are "locked" by identity of the ByteBuffer object.
 */
public final class RecordingSecureMemory implements SecureMemory {
    private final String name;
    private final List<HeapBuffer> buffers = new CopyOnWriteArrayList<>();
    private final Map<ByteBuffer, AtomicInteger> enabled = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile boolean failAllocations;
    private volatile boolean failCloses;

    public RecordingSecureMemory(String name) {
        this.name = name;
    }

    public void failAllocations(boolean fail) {
        failAllocations = fail;
    }

    /**
     * Makes every buffer's {@code close()} wipe and close, then throw, as the POSIX provider does when the canary
     * after a buffer was overwritten.
     */
    public void failCloses(boolean fail) {
        failCloses = fail;
    }

    public List<HeapBuffer> buffers() {
        return buffers;
    }

    public long openBuffers() {
        return buffers.stream().filter(b -> !b.isClosed()).count();
    }

    /** @return closed buffers whose memory is not all zero (must stay empty) */
    public List<HeapBuffer> closedButNotWiped() {
        return buffers.stream().filter(b -> b.isClosed() && !b.isWiped()).toList();
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        if (region == null || !region.isDirect() || !region.hasRemaining()) {
            return SecureResult.INVALID_PARAMETER;
        }
        enabled.computeIfAbsent(region, r -> new AtomicInteger()).incrementAndGet();
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        AtomicInteger count = region == null ? null : enabled.get(region);
        if (count == null || count.get() == 0) {
            return SecureResult.INVALID_PARAMETER;
        }
        count.decrementAndGet();
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        if (region == null || region.isReadOnly() || !region.hasRemaining()) {
            return SecureResult.INVALID_PARAMETER;
        }
        for (int i = region.position(); i < region.limit(); i++) {
            region.put(i, (byte) 0);
        }
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        if (data == null || data.length == 0) {
            return SecureResult.INVALID_PARAMETER;
        }
        Arrays.fill(data, (byte) 0);
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureResult secureClear(char[] data) {
        if (data == null || data.length == 0) {
            return SecureResult.INVALID_PARAMETER;
        }
        Arrays.fill(data, '\0');
        return SecureResult.SUCCESS;
    }

    @Override
    public SecureBuffer allocate(int size) {
        if (size < 1 || size > maxAllocationSize()) {
            throw new IllegalArgumentException("size " + size + " outside 1.." + maxAllocationSize());
        }
        if (failAllocations) {
            throw new IllegalStateException(name + " is told to refuse allocations");
        }
        HeapBuffer buffer = new HeapBuffer(size, this);
        buffers.add(buffer);
        return buffer;
    }

    @Override
    public int maxAllocationSize() {
        return 1 << 20;
    }

    @Override
    public SecureMemoryInfo info() {
        return new SecureMemoryInfo(name, true, "test double", null, 0, -1);
    }

    /** Every method synchronized: this double favours obvious correctness over speed. */
    public static final class HeapBuffer implements SecureBuffer {
        private final byte[] bytes;
        private final RecordingSecureMemory memory;
        private boolean closed;

        private HeapBuffer(int size, RecordingSecureMemory memory) {
            this.bytes = new byte[size];
            this.memory = memory;
        }

        public synchronized boolean isWiped() {
            for (byte b : bytes) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public synchronized byte get(int index) {
            open();
            return bytes[Objects.checkIndex(index, bytes.length)];
        }

        @Override
        public synchronized void put(int index, byte value) {
            open();
            bytes[Objects.checkIndex(index, bytes.length)] = value;
        }

        @Override
        public synchronized void read(int index, byte[] dst, int offset, int length) {
            open();
            System.arraycopy(bytes, index, dst, offset, length);
        }

        @Override
        public synchronized void write(int index, byte[] src, int offset, int length) {
            open();
            System.arraycopy(src, offset, bytes, index, length);
        }

        @Override
        public boolean isLocked() {
            return false;
        }

        @Override
        public synchronized boolean contentEquals(byte[] other) {
            open();
            return Arrays.equals(bytes, other);
        }

        @Override
        public synchronized void clear() {
            open();
            Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public synchronized boolean isClosed() {
            return closed;
        }

        @Override
        public synchronized void close() {
            Arrays.fill(bytes, (byte) 0);
            closed = true;
            if (memory.failCloses) {
                throw new IllegalStateException(memory.name + " is told to fail closes (buffer wiped and closed)");
            }
        }

        private void open() {
            if (closed) {
                throw new IllegalStateException("closed");
            }
        }
    }
}
