package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/**
 * A real no-op provider behind a name, a smaller {@code maxAllocationSize} and a chosen degradation: stands for
 * a POSIX provider that cannot hold large buffers (64 KiB before its dedicated mappings) or for a second
 * provider of any kind. Its buffers are the no-op provider's own (direct memory, wiped on close).
 */
final class LimitedProvider implements SecureMemory {
    private final String name;
    private final int max;
    private final boolean degraded;
    private final NoopSecureMemory memory = new NoopSecureMemory();

    LimitedProvider(String name, int max, boolean degraded) {
        this.name = name;
        this.max = max;
        this.degraded = degraded;
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
        if (size < 1 || size > max) {
            throw new IllegalArgumentException("secure buffer size " + size + " is outside 1.." + max + " (" + name + ")");
        }
        return memory.allocate(size);
    }

    @Override
    public int maxAllocationSize() {
        return max;
    }

    @Override
    public SecureMemoryInfo info() {
        return new SecureMemoryInfo(name, degraded, degraded ? "test provider, degraded" : "",
                EnumSet.of(SecureCapability.SECURE_WIPE), 0, -1);
    }

    @Override
    public String toString() {
        return name;
    }
}
