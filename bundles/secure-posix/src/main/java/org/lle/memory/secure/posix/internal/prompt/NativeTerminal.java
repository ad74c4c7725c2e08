package org.lle.memory.secure.posix.internal.prompt;

import org.lle.memory.secure.posix.internal.nativ.LibC;
import org.lle.memory.secure.posix.internal.nativ.Termios;

/** Whether the terminal calls can be made here: JNA loads, libc binds, Linux. Asked once. */
final class NativeTerminal {
    private static final String REFUSAL = probe();

    private NativeTerminal() {
    }

    static boolean available() {
        return REFUSAL == null;
    }

    /** @return why not, or {@code null} */
    static String refusal() {
        return REFUSAL;
    }

    private static String probe() {
        try {
            Termios.isatty(0);
            LibC.sysconf(LibC.SC_PAGESIZE);
            return null;
        } catch (LinkageError | RuntimeException e) {
            return e.toString();
        }
    }
}
