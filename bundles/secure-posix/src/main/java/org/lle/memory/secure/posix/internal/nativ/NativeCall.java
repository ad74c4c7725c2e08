package org.lle.memory.secure.posix.internal.nativ;

/** The libc functions the provider calls through {@link LibC}: the units {@link NativeFaults} counts and fails. */
public enum NativeCall {
    MMAP, MUNMAP, MLOCK, MUNLOCK, MADVISE, MPROTECT, MEMFD_SECRET, FTRUNCATE, CLOSE, GETRLIMIT, SYSCONF
}
