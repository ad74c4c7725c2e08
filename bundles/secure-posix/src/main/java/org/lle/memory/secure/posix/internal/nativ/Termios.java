package org.lle.memory.secure.posix.internal.nativ;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The terminal calls of the secret prompt (termios, poll, read into native memory), bound by JNA direct
 * mapping like {@link LibC} and released the same way: calls are counted while they run, {@link #unbind()}
 * refuses new ones and waits for those running before JNA frees its stubs.
 *
 * <p>A {@code struct termios} is handled as an opaque {@code byte[]} of {@link #TERMIOS_SIZE} bytes: the prompt
 * saves it, changes the flag words and the {@code c_cc} slots at their Linux offsets, and restores the saved
 * bytes unchanged. Secret bytes are never passed as a Java array: {@link #read(int, long, long)} reads into
 * native memory.
 */
public final class Termios {
    /** sizeof(struct termios) of glibc on Linux x86-64 and aarch64 is 60; room to spare. */
    public static final int TERMIOS_SIZE = 64;
    public static final int OFFSET_IFLAG = 0;
    public static final int OFFSET_LFLAG = 12;
    public static final int OFFSET_CC = 17;

    public static final int VTIME = 5;
    public static final int VMIN = 6;

    public static final int IFLAG_BRKINT = 0x2;
    public static final int IFLAG_ISTRIP = 0x20;
    public static final int IFLAG_INLCR = 0x40;
    public static final int IFLAG_IGNCR = 0x80;
    public static final int IFLAG_ICRNL = 0x100;
    public static final int IFLAG_IXON = 0x400;

    public static final int LFLAG_ISIG = 0x1;
    public static final int LFLAG_ICANON = 0x2;
    public static final int LFLAG_ECHO = 0x8;
    public static final int LFLAG_ECHONL = 0x40;
    public static final int LFLAG_IEXTEN = 0x8000;

    public static final int TCSANOW = 0;
    public static final int TCSADRAIN = 1;
    public static final int TCSAFLUSH = 2;

    public static final int O_RDWR = 2;
    public static final int O_NOCTTY = 0x100;

    public static final short POLLIN = 0x1;

    private static final CallGuard GUARD = new CallGuard(
            "the secret prompt's terminal binding was released (its bundle stopped)",
            "terminal call(s) still running after the prompt service stopped: the JNA binding is kept");

    static {
        if (!Platform.isLinux()) {
            throw new UnsatisfiedLinkError("the terminal binding is for Linux, this is " + System.getProperty("os.name"));
        }
        Raw.bind();
    }

    private Termios() {
    }

    /** Binds again after {@link #unbind()} (a bundle restarted without a refresh); no-op while bound. */
    public static void bind() {
        Raw.bind();
        GUARD.rebound();
    }

    /**
     * Releases the JNA registration (which would otherwise root this bundle's class loader), after refusing
     * new calls and waiting for running ones; a call that does not return in time keeps the binding.
     */
    public static void unbind() {
        GUARD.release(Raw::unbind, Termios.class);
    }

    public static boolean isatty(int fd) {
        return GUARD.call(() -> Raw.isatty(fd)) == 1;
    }

    /** @return a file descriptor, or -1 with {@link #errno()} set */
    public static int open(String path, int flags) {
        return GUARD.call(() -> Raw.open(path, flags));
    }

    public static int close(int fd) {
        return GUARD.call(() -> Raw.close(fd));
    }

    /** @param termios {@link #TERMIOS_SIZE} bytes, filled in on return */
    public static int tcgetattr(int fd, byte[] termios) {
        checkSize(termios);
        return GUARD.call(() -> Raw.tcgetattr(fd, termios));
    }

    public static int tcsetattr(int fd, int when, byte[] termios) {
        checkSize(termios);
        return GUARD.call(() -> Raw.tcsetattr(fd, when, termios));
    }

    /**
     * poll(2) of one descriptor for input.
     *
     * @return 1 when input (or hang-up, or an error) is there, 0 on timeout, -1 with {@link #errno()} set
     */
    public static int pollIn(int fd, int timeoutMillis) {
        // struct pollfd { int fd; short events; short revents; } as two ints in native order: events in the
        // low half of the second int on the little-endian platforms this binding is for
        int[] pollfd = {fd, POLLIN};
        return GUARD.call(() -> Raw.poll(pollfd, 1, timeoutMillis));
    }

    /**
     * read(2) into native memory: the bytes go from the kernel straight to {@code address}, never through a
     * Java array.
     *
     * @return bytes read, 0 at end of input, -1 with {@link #errno()} set
     */
    public static long read(int fd, long address, long count) {
        return GUARD.callLong(() -> Raw.read(fd, address, count));
    }

    /** write(2) of what the prompt shows (mask characters, cursor moves); never secret bytes. */
    public static long write(int fd, byte[] bytes, int count) {
        if (count < 0 || count > bytes.length) {
            throw new IndexOutOfBoundsException("count " + count + " outside 0.." + bytes.length);
        }
        return GUARD.callLong(() -> Raw.write(fd, bytes, count));
    }

    /** @return errno of the last failed call on this thread */
    public static int errno() {
        return Native.getLastError();
    }

    private static void checkSize(byte[] termios) {
        if (termios.length < TERMIOS_SIZE) {
            throw new IllegalArgumentException("a termios buffer needs " + TERMIOS_SIZE + " bytes, got "
                    + termios.length);
        }
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
                DirectBinding.unregister(Raw.class, "terminal binding");
                bound = false;
            }
        }

        static native int isatty(int fd);

        static native int open(String path, int flags);

        static native int close(int fd);

        static native int tcgetattr(int fd, byte[] termios);

        static native int tcsetattr(int fd, int when, byte[] termios);

        static native int poll(int[] fds, long count, int timeout);

        static native long read(int fd, long address, long count);

        static native long write(int fd, byte[] bytes, long count);
    }
}
