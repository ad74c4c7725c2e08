package org.lle.memory.secure.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.secure.posix.internal.nativ.LibC;

/**
 * Tries every native feature the provider relies on, once, on a scratch page: load libc, lock a page, mark
 * it not dumpable / not forkable, turn it into a guard page, and map one page of memfd_secret.
 */
public final class PlatformProbe {
    private PlatformProbe() {
    }

    /** @return the probe result of this class loader, run on first use */
    public static ProbeResult get() {
        return Cached.RESULT;
    }

    private static final class Cached {
        static final ProbeResult RESULT = run();
    }

    /** @return a fresh probe; never throws */
    public static ProbeResult run() {
        try {
            return probe();
        } catch (Throwable t) { // a probe must never throw: LinkageError, JNA errors, anything
            return ProbeResult.refused("probe failed: " + t);
        }
    }

    private static ProbeResult probe() {
        if (!Platform.isLinux()) {
            return ProbeResult.refused("not Linux (os.name=" + System.getProperty("os.name")
                    + "): the native constants of this provider are Linux ones");
        }
        if (!"x86-64".equals(Platform.ARCH) && !"aarch64".equals(Platform.ARCH)) {
            return ProbeResult.refused("processor " + Platform.ARCH + " is not x86-64 or aarch64: some mmap "
                    + "constants differ there and this provider was not checked on it");
        }
        if (Native.POINTER_SIZE != 8) {
            return ProbeResult.refused("not a 64-bit process (pointer size " + Native.POINTER_SIZE + ")");
        }
        if (!loads(LibC.class)) {
            return ProbeResult.refused("libc could not be bound through JNA direct mapping");
        }
        long pageSizeOrFailure = LibC.sysconf(LibC.SC_PAGESIZE);
        if (pageSizeOrFailure <= 0) {
            return ProbeResult.refused(new NativeFailure("sysconf(_SC_PAGESIZE)", LibC.errno()).getMessage());
        }
        int pageSize = (int) pageSizeOrFailure;
        boolean capIpcLock = hasCapIpcLock();
        long lockLimit = lockLimit(capIpcLock);

        long page = LibC.mmap(0, pageSize, LibC.PROT_READ | LibC.PROT_WRITE,
                LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        if (page == LibC.MAP_FAILED) {
            return ProbeResult.refused(new NativeFailure("mmap of one page", LibC.errno()).getMessage());
        }
        try {
            int lockErrno = 0;
            String lockFailure = "";
            if (LibC.mlock(page, pageSize) != 0) {
                lockErrno = LibC.errno();
                lockFailure = new NativeFailure("mlock of one page", lockErrno).getMessage();
            } else {
                LibC.munlock(page, pageSize);
            }
            boolean dontDump = LibC.madvise(page, pageSize, LibC.MADV_DONTDUMP) == 0;
            boolean dontFork = LibC.madvise(page, pageSize, LibC.MADV_DONTFORK) == 0;
            boolean guard = LibC.mprotect(page, pageSize, LibC.PROT_NONE) == 0;
            return new ProbeResult(true, "", pageSize, lockFailure, lockErrno, dontDump, dontFork, guard,
                    memfdSecretWorks(pageSize), lockLimit, capIpcLock);
        } finally {
            if (LibC.munmap(page, pageSize) != 0) {
                LibC.munmap(page, pageSize); // once more: ENOMEM at the map-count limit can pass
            }
        }
    }

    private static boolean loads(Class<?> nativeBinding) {
        try {
            Class.forName(nativeBinding.getName(), true, nativeBinding.getClassLoader());
            return true;
        } catch (LinkageError | ClassNotFoundException e) {
            return false;
        }
    }

    /** Only x86-64 is claimed: that is where syscall 447 was tried. */
    private static boolean memfdSecretWorks(int pageSize) {
        if (!"x86-64".equals(Platform.ARCH)) {
            return false;
        }
        MappedChunk chunk;
        try {
            chunk = MappedChunk.mapSecret(pageSize, pageSize);
        } catch (NativeFailure refused) {
            return false;
        }
        if (!chunk.unmap()) {
            chunk.unmap(); // once more: a memfd_secret page left mapped would stay locked
        }
        return true;
    }

    private static long lockLimit(boolean capIpcLock) {
        if (capIpcLock) {
            return Long.MAX_VALUE;
        }
        long[] limits = new long[2];
        if (LibC.getrlimit(LibC.RLIMIT_MEMLOCK, limits) != 0) {
            return -1;
        }
        return limits[0] == LibC.RLIM_INFINITY ? Long.MAX_VALUE : limits[0];
    }

    /** @return whether CapEff in /proc/self/status has bit 14 (CAP_IPC_LOCK): mlock then ignores the limit */
    static boolean hasCapIpcLock() {
        return ProcStatus.hasCapIpcLock();
    }
}
