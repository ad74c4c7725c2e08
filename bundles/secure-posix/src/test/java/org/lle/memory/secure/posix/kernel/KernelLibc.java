package org.lle.memory.secure.posix.kernel;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Test-only libc calls (direct mapping) for the kernel tests: a real fork, pipes, raw write/read, and
 * SEEK_DATA/SEEK_HOLE to skip the holes of sparse core files. Kept apart from the provider's own natives
 * so these tests never depend on its internals.
 */
final class KernelLibc {
    static final int O_RDONLY = 0;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;
    static final int WNOHANG = 1;
    static final int SIGKILL = 9;

    static {
        if (!Platform.isLinux()) {
            throw new IllegalStateException("the kernel tests need Linux, this is " + System.getProperty("os.name"));
        }
        Native.register(KernelLibc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private KernelLibc() {
    }

    static native int fork();

    static native int pipe(int[] fds);

    /** Raw write(2) from a native address: the kernel itself reads the memory, so EFAULT when unmapped. */
    static native long write(int fd, long address, long count);

    static native long read(int fd, byte[] buffer, long count);

    static native int close(int fd);

    static native void _exit(int status);

    static native int waitpid(int pid, int[] status, int options);

    static native int kill(int pid, int signal);

    static native int open(String path, int flags);

    static native long lseek(int fd, long offset, int whence);
}
