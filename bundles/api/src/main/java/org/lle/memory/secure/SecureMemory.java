package org.lle.memory.secure;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Secure mode for memory the host owns (lock a region in RAM, wipe it, unlock it), plus secure buffers
 * that this service allocates and owns. Thread safe.
 *
 * <p>A <em>region</em> is a buffer's remaining bytes, from its position to its limit. The region calls
 * never throw: bad input is {@link SecureResult#INVALID_PARAMETER} (null, zero length, a heap buffer for
 * enable/disable, a read-only buffer for a clear).
 */
@ProviderType
public interface SecureMemory {

    /**
     * Locks the pages under a direct buffer's region in RAM. Locks are counted per page, so a page shared
     * by two enabled regions stays locked until both are disabled.
     */
    SecureResult enableSecureMode(ByteBuffer region);

    /** Wipes the region to zero in a way no compiler or JIT can remove. Heap buffers are allowed. */
    SecureResult secureClear(ByteBuffer region);

    /** Wipes the whole array to zero. */
    SecureResult secureClear(byte[] data);

    /** Wipes the whole array to {@code '\0'}. */
    SecureResult secureClear(char[] data);

    /**
     * Undoes one {@link #enableSecureMode(ByteBuffer)} of the same region; pages are unlocked when no
     * enabled region holds them any more. A region never enabled is {@link SecureResult#INVALID_PARAMETER}.
     */
    SecureResult disableSecureMode(ByteBuffer region);

    /**
     * @param size bytes, {@code 1..}{@link #maxAllocationSize()}
     * @return a new zero-filled buffer, locked where the provider can lock
     * @throws IllegalArgumentException for a size outside that range, naming the limit
     * @throws SecureMemoryException when the provider is configured strict and cannot lock
     *         ({@code PERMISSION_DENIED}, {@code OUT_OF_MEMORY}), when it cannot get memory at all
     *         ({@code OUT_OF_MEMORY}), or when no provider is there ({@code FEATURE_NOT_AVAILABLE}, brokers)
     */
    SecureBuffer allocate(int size);

    /** @return the largest size {@link #allocate(int)} accepts */
    int maxAllocationSize();

    /** @return what this provider is and can do now */
    SecureMemoryInfo info();
}
