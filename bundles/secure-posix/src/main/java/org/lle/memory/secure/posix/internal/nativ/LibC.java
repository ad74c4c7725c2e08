package org.lle.memory.secure.posix.internal.nativ;

import com.sun.jna.Native;

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

    private static final CallGuard GUARD = new CallGuard(
            "the POSIX provider's libc binding was released (its bundle stopped)",
            "libc call(s) still running after the provider closed: the JNA binding is kept");

    static {
        Raw.bind(); // loading LibC binds libc, so a missing native library shows at once (see the class comment)
    }

    private LibC() {
    }

    /** Binds libc again after {@link #unbind()} (a bundle restarted without a refresh); no-op while bound. */
    public static void bind() {
        Raw.bind();
        GUARD.rebound();
    }

    /**
     * Releases the JNA registration. JNA keeps a JNI global reference to each registered method until
     * {@link Native#unregister(Class)}, which roots this class and so the whole bundle class loader: without
     * this every update and refresh of the bundle leaks a class loader. JNA frees the call stubs when it
     * unregisters, so new calls are refused first ({@link IllegalStateException}) and the calls still running
     * are waited for; if one does not return in time, the binding is kept (a leaked class loader rather than
     * a crash).
     */
    public static void unbind() {
        GUARD.release(Raw::unbind, LibC.class);
    }

    /*
     * Each call asks NativeFaults first (one volatile read while it is disarmed), so a test can make any of
     * them fail with a chosen errno; the real functions are in Raw.
     */

    public static int mlock(long address, long length) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.MLOCK) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.mlock(address, length));
    }

    public static int munlock(long address, long length) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.MUNLOCK) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.munlock(address, length));
    }

    public static long mmap(long address, long length, int prot, int flags, int fd, long offset) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.MMAP) : 0;
        return fault != 0 ? failed(fault) : GUARD.callLong(() -> Raw.mmap(address, length, prot, flags, fd, offset));
    }

    public static int munmap(long address, long length) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.MUNMAP) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.munmap(address, length));
    }

    public static int mprotect(long address, long length, int prot) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.MPROTECT) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.mprotect(address, length, prot));
    }

    public static int madvise(long address, long length, int advice) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.MADVISE) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.madvise(address, length, advice));
    }

    /** syscall(2) with one argument; {@link NativeFaults} sees memfd_secret as {@link NativeCall#MEMFD_SECRET}. */
    public static long syscall(long number, long arg) {
        int fault = NativeFaults.armed() && number == SYS_MEMFD_SECRET_X86_64
                ? NativeFaults.enter(NativeCall.MEMFD_SECRET) : 0;
        return fault != 0 ? failed(fault) : GUARD.callLong(() -> Raw.syscall(number, arg));
    }

    public static int ftruncate(int fd, long length) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.FTRUNCATE) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.ftruncate(fd, length));
    }

    /** An injected failure of close(2) still closes the descriptor (as Linux does on EINTR), so none leaks. */
    public static int close(int fd) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.CLOSE) : 0;
        if (fault != 0) {
            GUARD.call(() -> Raw.close(fd));
            return failed(fault);
        }
        return GUARD.call(() -> Raw.close(fd));
    }

    /** @param limits {@code [rlim_cur, rlim_max]} filled in on return */
    public static int getrlimit(int resource, long[] limits) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.GETRLIMIT) : 0;
        return fault != 0 ? failed(fault) : GUARD.call(() -> Raw.getrlimit(resource, limits));
    }

    public static long sysconf(int name) {
        int fault = NativeFaults.armed() ? NativeFaults.enter(NativeCall.SYSCONF) : 0;
        return fault != 0 ? failed(fault) : GUARD.callLong(() -> Raw.sysconf(name));
    }

    private static int failed(int errno) {
        Native.setLastError(errno);
        return -1;
    }

    /** The libc functions themselves (direct mapping), reached only through the methods above. */
    private static final class Raw {
        /** Guarded by the Raw class lock. */
        private static boolean bound;

        static {
            bind();
        }

        private Raw() {
        }

        static synchronized void bind() {
            if (!bound) {
                DirectBinding.register(Raw.class);
                bound = true;
            }
        }

        static synchronized void unbind() {
            if (bound) {
                DirectBinding.unregister(Raw.class, "libc binding");
                bound = false;
            }
        }

        static native int mlock(long address, long length);

        static native int munlock(long address, long length);

        static native long mmap(long address, long length, int prot, int flags, int fd, long offset);

        static native int munmap(long address, long length);

        static native int mprotect(long address, long length, int prot);

        static native int madvise(long address, long length, int advice);

        static native long syscall(long number, long arg);

        static native int ftruncate(int fd, long length);

        static native int close(int fd);

        static native int getrlimit(int resource, long[] limits);

        static native long sysconf(int name);
    }

    /** @return errno of the last failed call on this thread, kept by JNA */
    public static int errno() {
        return Native.getLastError();
    }
}
