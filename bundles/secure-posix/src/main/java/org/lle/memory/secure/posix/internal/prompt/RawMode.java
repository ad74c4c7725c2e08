package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.Termios;

/**
 * A terminal switched to the prompt's mode and back: no canonical line editing, no echo by the terminal, no
 * signals from Ctrl-C/Ctrl-Z/Ctrl-\ (they arrive as bytes), no flow control, no CR/LF translation on input;
 * output processing is left as it was. The saved settings are restored exactly by {@link #close()}, and by a
 * JVM shutdown hook while the prompt runs, so a SIGTERM, SIGINT or SIGHUP from outside also gives the
 * terminal back in its old state (SIGKILL cannot be caught: {@code stty sane} then).
 */
final class RawMode implements AutoCloseable {
    private final int fd;
    private final byte[] saved;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Thread hook;

    private RawMode(int fd, byte[] saved) {
        this.fd = fd;
        this.saved = saved;
        this.hook = new Thread(this::restore, "lle-secret-prompt-terminal-restore");
    }

    /**
     * Saves the settings, registers the restoring hook, then switches (discarding input typed before the
     * prompt: the terminal echoed it in the clear).
     *
     * @throws IOException when the settings cannot be read or changed; the terminal is unchanged then
     */
    static RawMode enter(int fd) throws IOException {
        byte[] saved = new byte[Termios.TERMIOS_SIZE];
        if (Termios.tcgetattr(fd, saved) != 0) {
            throw new IOException("tcgetattr of the terminal failed: " + Errno.describe(Termios.errno()));
        }
        RawMode mode = new RawMode(fd, saved);
        Runtime.getRuntime().addShutdownHook(mode.hook);
        byte[] raw = saved.clone();
        clear(raw, Termios.OFFSET_LFLAG, Termios.LFLAG_ICANON | Termios.LFLAG_ECHO | Termios.LFLAG_ECHONL
                | Termios.LFLAG_ISIG | Termios.LFLAG_IEXTEN);
        clear(raw, Termios.OFFSET_IFLAG, Termios.IFLAG_IXON | Termios.IFLAG_ICRNL | Termios.IFLAG_INLCR
                | Termios.IFLAG_IGNCR | Termios.IFLAG_ISTRIP | Termios.IFLAG_BRKINT);
        raw[Termios.OFFSET_CC + Termios.VMIN] = 1;
        raw[Termios.OFFSET_CC + Termios.VTIME] = 0;
        if (Termios.tcsetattr(fd, Termios.TCSAFLUSH, raw) != 0) {
            int errno = Termios.errno();
            mode.close();
            throw new IOException("tcsetattr of the terminal failed: " + Errno.describe(errno));
        }
        return mode;
    }

    /** Restores the saved settings (once) and removes the hook. */
    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs and finds the terminal restored
        }
    }

    private void restore() {
        if (restored.compareAndSet(false, true)) {
            Termios.tcsetattr(fd, Termios.TCSANOW, saved);
        }
    }

    private static void clear(byte[] termios, int offset, int bits) {
        // the flag words are native-endian ints; the platforms this binding is for are little-endian
        int value = (termios[offset] & 0xff) | (termios[offset + 1] & 0xff) << 8 | (termios[offset + 2] & 0xff) << 16
                | (termios[offset + 3] & 0xff) << 24;
        value &= ~bits;
        termios[offset] = (byte) value;
        termios[offset + 1] = (byte) (value >>> 8);
        termios[offset + 2] = (byte) (value >>> 16);
        termios[offset + 3] = (byte) (value >>> 24);
    }
}
