package org.lle.memory.secure.posix.internal;

import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.Errno;

/** A failed libc call with its errno: the cause attached to degraded reasons and strict-mode exceptions. */
public final class NativeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public NativeFailure(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** @return the API's result code for this errno */
    public SecureResult result() {
        return resultOf(errno);
    }

    /** EPERM, ENOMEM, EAGAIN map to their own result codes; ENOSYS is a missing feature; anything else is EAGAIN-like. */
    public static SecureResult resultOf(int errno) {
        return switch (errno) {
            case Errno.EPERM -> SecureResult.PERMISSION_DENIED;
            case Errno.ENOMEM -> SecureResult.OUT_OF_MEMORY;
            case Errno.ENOSYS -> SecureResult.FEATURE_NOT_AVAILABLE;
            case Errno.EINVAL -> SecureResult.INVALID_PARAMETER;
            default -> SecureResult.RESOURCE_UNAVAILABLE;
        };
    }
}
