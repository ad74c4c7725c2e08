package org.lle.memory.secure.posix.internal.nativ;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The libc calls of the POSIX provider, bound by JNA direct mapping ({@link Native#register}): one JNI
 * hop per call, no proxy. Addresses and {@code size_t} are Java {@code long}s, so this binding is for
 * 64-bit Linux only (the probe checks {@link Native#POINTER_SIZE}). A failed call returns -1 and leaves
 * errno in {@link Native#getLastError()}.
 *
 * <p>Loading this class loads libc; a {@link LinkageError} from its initialiser means no native support.
 * Constants are the Linux (x86-64 and aarch64 generic) values.
 */
public final class LibC {

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;

    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final long MAP_FAILED = -1L;

    public static final int MADV_DONTFORK = 10;
    public static final int MADV_DOFORK = 11;
    public static final int MADV_DONTDUMP = 16;
    public static final int MADV_DODUMP = 17;

    public static final int RLIMIT_MEMLOCK = 8;
    public static final long RLIM_INFINITY = -1L;
    public static final int SC_PAGESIZE = 30;
    public static final int O_CLOEXEC = 0x80000;

    /** memfd_secret(2) on x86-64. Other architectures are not claimed (not tested here). */
    public static final long SYS_MEMFD_SECRET_X86_64 = 447;

    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    public static native int mlock(long address, long length);

    public static native int munlock(long address, long length);

    public static native long mmap(long address, long length, int prot, int flags, int fd, long offset);

    public static native int munmap(long address, long length);

    public static native int mprotect(long address, long length, int prot);

    public static native int madvise(long address, long length, int advice);

    public static native long syscall(long number, long arg);

    public static native int ftruncate(int fd, long length);

    public static native int close(int fd);

    /** @param limits {@code [rlim_cur, rlim_max]} filled in on return */
    public static native int getrlimit(int resource, long[] limits);

    public static native long sysconf(int name);

    /** @return errno of the last failed call on this thread, kept by JNA */
    public static int errno() {
        return Native.getLastError();
    }
}
