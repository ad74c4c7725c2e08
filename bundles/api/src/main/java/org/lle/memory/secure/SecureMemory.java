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
     *
     * @param region a direct buffer; its bytes from position to limit are locked, and neither is changed
     * @return {@link SecureResult#SUCCESS} when the pages are locked; {@code INVALID_PARAMETER} for {@code null},
     *         a heap buffer or an empty region; {@code PERMISSION_DENIED}, {@code OUT_OF_MEMORY} or
     *         {@code RESOURCE_UNAVAILABLE} when the operating system refuses the lock (see {@link SecureResult});
     *         {@code FEATURE_NOT_AVAILABLE} when this provider cannot lock at all
     */
    SecureResult enableSecureMode(ByteBuffer region);

    /**
     * Wipes the region to zero in a way no compiler or JIT can remove. Heap buffers are allowed.
     *
     * @param region a writable buffer; its bytes from position to limit are zeroed, and neither is changed
     * @return {@link SecureResult#SUCCESS} when the bytes are zero; {@code INVALID_PARAMETER} for {@code null},
     *         a read-only buffer or an empty region, with no byte changed
     */
    SecureResult secureClear(ByteBuffer region);

    /**
     * Wipes the whole array to zero in a way no compiler or JIT can remove.
     *
     * @param data the array to wipe
     * @return {@link SecureResult#SUCCESS} when every element is zero; {@code INVALID_PARAMETER} for
     *         {@code null} or an empty array
     */
    SecureResult secureClear(byte[] data);

    /**
     * Wipes the whole array to {@code '\0'} in a way no compiler or JIT can remove, for passwords read as
     * {@code char[]}.
     *
     * @param data the array to wipe
     * @return {@link SecureResult#SUCCESS} when every element is {@code '\0'}; {@code INVALID_PARAMETER} for
     *         {@code null} or an empty array
     */
    SecureResult secureClear(char[] data);

    /**
     * Undoes one {@link #enableSecureMode(ByteBuffer)} of the same region; pages are unlocked when no
     * enabled region holds them any more. A region never enabled is {@link SecureResult#INVALID_PARAMETER}.
     *
     * @param region a buffer with the same address range (position to limit) as an enabled region
     * @return {@link SecureResult#SUCCESS} when one enable of that region is undone; {@code INVALID_PARAMETER}
     *         for {@code null}, a heap buffer, an empty region or a region not enabled;
     *         {@code FEATURE_NOT_AVAILABLE} when this provider cannot lock at all
     */
    SecureResult disableSecureMode(ByteBuffer region);

    /**
     * Allocates a secure buffer that this service owns: the bytes live outside the Java heap, and closing the
     * buffer wipes and releases them. Whether it is locked in RAM shows in {@link SecureBuffer#isLocked()}.
     *
     * @param size bytes, {@code 1..}{@link #maxAllocationSize()}
     * @return a new zero-filled buffer, locked where the provider can lock; the caller closes it
     * @throws IllegalArgumentException for a size outside that range, naming the limit
     * @throws SecureMemoryException when the provider is configured strict and cannot lock
     *         ({@code PERMISSION_DENIED}, {@code OUT_OF_MEMORY}), when it cannot get memory at all
     *         ({@code OUT_OF_MEMORY}), or when no provider is there ({@code FEATURE_NOT_AVAILABLE}, brokers)
     */
    SecureBuffer allocate(int size);

    /**
     * The size limit of {@link #allocate(int)}. Behind a broker it is the limit of the provider bound now.
     *
     * @return the largest size in bytes {@link #allocate(int)} accepts; {@code 0} when nothing can be allocated
     *         now (a broker with no provider bound)
     */
    int maxAllocationSize();

    /**
     * Describes this provider and the protections it gives at this moment. The answer can change (a lock
     * limit reached, another provider behind a broker), so ask again rather than keep it.
     *
     * @return what this provider is and can do now, never {@code null}
     */
    SecureMemoryInfo info();
}
