package org.lle.memory.secure;

/** The outcome of a secure-mode call, with the operating system's error mapped where one exists. */
public enum SecureResult {
    /** The call did what it was asked: the region is locked, unlocked or wiped. */
    SUCCESS,
    /** Null, empty, read-only where writing is needed, heap where native memory is needed, unknown region. */
    INVALID_PARAMETER,
    /** EPERM: the process may not lock memory (no CAP_IPC_LOCK and a zero limit). */
    PERMISSION_DENIED,
    /** ENOMEM: RLIMIT_MEMLOCK would be exceeded. */
    OUT_OF_MEMORY,
    /** EAGAIN: the kernel could not lock some of the pages now. */
    RESOURCE_UNAVAILABLE,
    /** The platform (or the degraded provider) has no such feature. */
    FEATURE_NOT_AVAILABLE;

    /**
     * Tells success from failure without naming the constant.
     *
     * @return whether this is {@link #SUCCESS}
     */
    public boolean isSuccess() {
        return this == SUCCESS;
    }
}
