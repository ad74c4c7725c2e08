package org.lle.memory.secure.broker.internal;

import java.util.EnumSet;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/**
 * A real no-op provider behind a name, a smaller {@code maxAllocationSize} and a chosen degradation: stands for
 * a POSIX provider that cannot hold large buffers (64 KiB before its dedicated mappings) or for a second
 * provider of any kind. Its buffers are the no-op provider's own (direct memory, wiped on close).
 */
final class LimitedProvider extends DelegatingProvider {
    private final String name;
    private final int max;
    private final boolean degraded;

    LimitedProvider(String name, int max, boolean degraded) {
        super(new NoopSecureMemory());
        this.name = name;
        this.max = max;
        this.degraded = degraded;
    }

    @Override
    public SecureBuffer allocate(int size) {
        if (size < 1 || size > max) {
            throw new IllegalArgumentException("secure buffer size " + size + " is outside 1.." + max + " (" + name + ")");
        }
        return super.allocate(size);
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
