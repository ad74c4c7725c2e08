package org.lle.memory.secure.posix.internal;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.lle.memory.secure.posix.internal.nativ.LibC;

/**
 * One mapping of the arena: a PROT_NONE guard page, the data pages, a PROT_NONE guard page, all marked
 * MADV_DONTDUMP and MADV_DONTFORK. Only the data pages are locked (guards cost no lock budget). The data
 * pages are either anonymous memory locked with mlock, or memfd_secret memory (locked by the kernel, and
 * removed from its direct map). Whether each advice and the lock took effect is recorded, so the arena
 * claims a protection only while every chunk has it.
 */
final class MappedChunk {
    final long base;
    final long totalLength;
    final long data;
    final int dataLength;
    final boolean secretMemory;
    /** null when the data pages are locked */
    final NativeFailure lockFailure;
    /** MADV_DONTDUMP took effect: the chunk is left out of core dumps */
    final boolean dontDump;
    /** MADV_DONTFORK took effect: forked children do not inherit the chunk */
    final boolean dontFork;

    private MappedChunk(long base, long totalLength, long data, int dataLength, boolean secretMemory,
            NativeFailure lockFailure) {
        this(base, totalLength, data, dataLength, secretMemory, lockFailure, true, true);
    }

    private MappedChunk(long base, long totalLength, long data, int dataLength, boolean secretMemory,
            NativeFailure lockFailure, boolean dontDump, boolean dontFork) {
        this.base = base;
        this.totalLength = totalLength;
        this.data = data;
        this.dataLength = dataLength;
        this.secretMemory = secretMemory;
        this.lockFailure = lockFailure;
        this.dontDump = dontDump;
        this.dontFork = dontFork;
    }

    boolean locked() {
        return lockFailure == null;
    }

    /** @return a view of the data pages; used only while the chunk is mapped (the arena guarantees it) */
    ByteBuffer view() {
        return new Pointer(data).getByteBuffer(0, dataLength);
    }

    /**
     * Maps anonymous memory and tries to lock it; a lock failure leaves the chunk usable but unlocked.
     *
     * @throws NativeFailure when the memory cannot be mapped at all
     */
    static MappedChunk mapAnonymous(int dataLength, int pageSize) throws NativeFailure {
        long total = dataLength + 2L * pageSize;
        long base = reserve(total);
        long data = base + pageSize;
        if (LibC.mprotect(data, dataLength, LibC.PROT_READ | LibC.PROT_WRITE) != 0) {
            NativeFailure failure = new NativeFailure("mprotect of the chunk's data pages", LibC.errno());
            LibC.munmap(base, total);
            throw failure;
        }
        boolean dontDump = LibC.madvise(base, total, LibC.MADV_DONTDUMP) == 0;
        boolean dontFork = LibC.madvise(base, total, LibC.MADV_DONTFORK) == 0;
        NativeFailure lockFailure = null;
        if (LibC.mlock(data, dataLength) != 0) {
            lockFailure = new NativeFailure("mlock of a " + dataLength + "-byte chunk", LibC.errno());
        }
        return new MappedChunk(base, total, data, dataLength, false, lockFailure, dontDump, dontFork);
    }

    /**
     * @return a chunk of memfd_secret memory between guard pages
     * @throws NativeFailure naming the call that failed and its errno (memfd_secret EMFILE/ENOSYS, ftruncate,
     *         mmap EAGAIN over RLIMIT_MEMLOCK, ...); nothing is left mapped or open then
     */
    static MappedChunk mapSecret(int dataLength, int pageSize) throws NativeFailure {
        int fd = (int) LibC.syscall(LibC.SYS_MEMFD_SECRET_X86_64, LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new NativeFailure("memfd_secret(2)", LibC.errno());
        }
        try {
            if (LibC.ftruncate(fd, dataLength) != 0) {
                throw new NativeFailure("ftruncate of a memfd_secret descriptor to " + dataLength + " bytes",
                        LibC.errno());
            }
            long total = dataLength + 2L * pageSize;
            long base = reserve(total);
            long data = LibC.mmap(base + pageSize, dataLength, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_SHARED | LibC.MAP_FIXED, fd, 0);
            if (data == LibC.MAP_FAILED) { // e.g. EAGAIN: over RLIMIT_MEMLOCK
                NativeFailure failure = new NativeFailure("mmap of " + dataLength + " bytes of memfd_secret memory",
                        LibC.errno());
                LibC.munmap(base, total);
                throw failure;
            }
            adviseSecret(base, total);
            return new MappedChunk(base, total, data, dataLength, true, null);
        } finally {
            LibC.close(fd); // the mapping keeps the memory; the descriptor is not needed any more
        }
    }

    /** Guard pages around everything: reserve the whole range inaccessible, then open the data pages. */
    private static long reserve(long total) throws NativeFailure {
        long base = LibC.mmap(0, total, LibC.PROT_NONE,
                LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE, -1, 0);
        if (base == LibC.MAP_FAILED) {
            throw new NativeFailure("mmap of a " + total + "-byte chunk", LibC.errno());
        }
        return base;
    }

    /** Best effort: the probe decides whether NO_CORE_DUMP / NO_FORK_INHERIT are claimed. */
    private static void adviseSecret(long base, long total) {
        LibC.madvise(base, total, LibC.MADV_DONTDUMP);
        LibC.madvise(base, total, LibC.MADV_DONTFORK);
    }

    /**
     * Unmaps everything (which also unlocks). Callers make sure no access can still be running.
     *
     * @return false when munmap failed: the memory is still mapped (and locked, if it was)
     */
    boolean unmap() {
        return LibC.munmap(base, totalLength) == 0;
    }
}
