package org.lle.memory.secure.noop.internal;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * The degraded provider: it cannot lock or hide memory, so {@code enable}/{@code disable} check their input
 * exactly as the POSIX provider does and then answer {@link SecureResult#FEATURE_NOT_AVAILABLE} (it keeps no
 * region registry: nothing is ever locked, so no region is "unknown" either). {@code secureClear} wipes for
 * real; buffers live in unlocked direct memory, wiped on clear and close, and by a cleaner when leaked.
 */
public final class NoopSecureMemory implements SecureMemory {
    /** The provider's name in {@link SecureMemoryInfo} and the {@code lle.secure.provider} property. */
    public static final String NAME = "noop";

    /** 16 MiB: far above any secret, small enough that a mistaken size fails fast instead of eating memory. */
    public static final int MAX_ALLOCATION_SIZE = 16 * 1024 * 1024;

    static final String DEGRADATION_REASON = "no-op provider: memory is not locked in RAM and not kept out of "
            + "core dumps or forked children (only wiping works); install lle-memory-secure-posix on a POSIX "
            + "platform (Linux) for real protection";

    private static final SecureMemoryInfo INFO = new SecureMemoryInfo(NAME, true, DEGRADATION_REASON,
            EnumSet.of(SecureCapability.SECURE_WIPE), 0, -1);

    private final LeakReporter leaks;

    public NoopSecureMemory() {
        this(LeakReporter.LOG);
    }

    NoopSecureMemory(LeakReporter leaks) {
        this.leaks = leaks;
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        return RegionChecks.lockable(region) ? SecureResult.FEATURE_NOT_AVAILABLE : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        return RegionChecks.lockable(region) ? SecureResult.FEATURE_NOT_AVAILABLE : SecureResult.INVALID_PARAMETER;
    }

    /**
     * Reads the region's position and limit once each and wipes only between those values, so a caller
     * changing them concurrently cannot widen the wipe or make it throw; an empty pair is INVALID_PARAMETER.
     */
    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return Wipe.clear(region) ? SecureResult.SUCCESS : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return Wipe.clear(data) ? SecureResult.SUCCESS : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return Wipe.clear(data) ? SecureResult.SUCCESS : SecureResult.INVALID_PARAMETER;
    }

    @Override
    public SecureBuffer allocate(int size) {
        if (size < 1 || size > MAX_ALLOCATION_SIZE) {
            throw new IllegalArgumentException("secure buffer size " + size + " is outside 1.." + MAX_ALLOCATION_SIZE
                    + " (the no-op provider's maxAllocationSize)");
        }
        return new NoopSecureBuffer(size, leaks);
    }

    @Override
    public int maxAllocationSize() {
        return MAX_ALLOCATION_SIZE;
    }

    @Override
    public SecureMemoryInfo info() {
        return INFO;
    }

    @Override
    public String toString() {
        return "NoopSecureMemory[degraded: " + DEGRADATION_REASON + "]";
    }
}
