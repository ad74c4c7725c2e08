package org.lle.memory.secure;

/** A protection a provider really has on this machine (probed, not assumed). */
public enum SecureCapability {
    /** Pages can be locked in RAM (never swapped). */
    MLOCK,
    /** Wipes that no compiler, JIT or linker can remove. */
    SECURE_WIPE,
    /** Secure buffers are left out of core dumps (MADV_DONTDUMP). */
    NO_CORE_DUMP,
    /** Secure buffers are not mapped into forked children (MADV_DONTFORK). */
    NO_FORK_INHERIT,
    /** Inaccessible pages before and after each chunk of secure buffers. */
    GUARD_PAGES,
    /** A canary after each secure buffer, checked on close. */
    CANARIES,
    /** Secure buffers live in memfd_secret memory, removed from the kernel's direct map. */
    MEMFD_SECRET
}
