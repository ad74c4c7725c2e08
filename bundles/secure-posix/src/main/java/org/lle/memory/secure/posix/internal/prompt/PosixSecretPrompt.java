package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretPrompt;
import org.lle.memory.secure.posix.internal.nativ.LibC;
import org.lle.memory.secure.posix.internal.nativ.Termios;

/**
 * The secret prompt of the POSIX bundle. On a terminal it switches to raw mode ({@link RawMode}), reads with
 * read(2) into a locked, non-dumpable page ({@link KeyPage}) and feeds the bytes one by one into the caller's
 * {@link SecretLine}; no typed byte is ever in a Java array or object. Which input: standard input when it is
 * a terminal, else the controlling terminal ({@code /dev/tty}) when there is one, else standard input as a
 * plain stream (a pipe: same keys, no raw mode, no echo).
 *
 * <p>Where the terminal calls are not available (JNA cannot bind them, not Linux), it falls back to
 * {@link ConsoleFallback} and logs a warning that says what is lost.
 *
 * <p>On every way out but {@link PromptOutcome#COMPLETED} the line is wiped (cleared), also when an exception
 * leaves the prompt; the terminal is restored before the method returns or throws.
 */
public final class PosixSecretPrompt implements SecretPrompt {
    static final String SESSION_WARNING = "WARNING: this session has no terminal of its own; what you type passes "
            + "through the session's stream buffers, which cannot be wiped\n";
    private static final Logger LOG = System.getLogger(PosixSecretPrompt.class.getName());
    private static final String DEV_TTY = "/dev/tty";
    private static final int STDIN = 0;
    private static final long STOP_WAIT_NANOS = 10_000_000_000L;

    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;

    /** For {@link java.util.ServiceLoader} and the OSGi component. */
    public PosixSecretPrompt() {
    }

    /**
     * Ends every running prompt (with an {@link IOException}; each restores its terminal first) and waits until
     * they have returned, so the native binding can be released after this.
     *
     * @return whether all of them returned in time
     */
    public boolean stop() {
        stopped = true;
        long deadline = System.nanoTime() + STOP_WAIT_NANOS;
        while (running.get() != 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    @Override
    public PromptOutcome read(SecretLine line, PromptOptions options) throws IOException {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(options, "options");
        line.clear();
        if (!NativeTerminal.available()) {
            LOG.log(Level.WARNING, "the terminal calls are not available here (" + NativeTerminal.refusal()
                    + "): the secret prompt falls back to java.io.Console, which reads the whole line through the"
                    + " terminal's canonical mode into a char[] (wiped after; no editing keys but the terminal's,"
                    + " no mask, no timeout)");
            return guarded(line, () -> ConsoleFallback.read(line, options));
        }
        return guarded(line, () -> readNative(line, options));
    }

    @Override
    public PromptOutcome read(SecretLine line, PromptOptions options, InputStream in, OutputStream out)
            throws IOException {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        line.clear();
        PromptOutput output = PromptOutput.toStream(out);
        return guarded(line, () -> {
            output.write(SESSION_WARNING.getBytes(StandardCharsets.UTF_8));
            output.write(options.prompt().getBytes(StandardCharsets.UTF_8));
            LineEditor editor = new LineEditor(line, new MaskEcho(output, options.mask()));
            try (StreamKeys keys = new StreamKeys(in)) {
                return finish(PromptLoop.run(keys, editor, options.timeout().toNanos(), true, () -> stopped), output);
            }
        });
    }

    private PromptOutcome readNative(SecretLine line, PromptOptions options) throws IOException {
        int fd = STDIN;
        boolean opened = false;
        boolean terminal = Termios.isatty(STDIN);
        if (!terminal) {
            int tty = Termios.open(DEV_TTY, Termios.O_RDWR | Termios.O_NOCTTY | LibC.O_CLOEXEC);
            if (tty >= 0) {
                fd = tty;
                opened = true;
                terminal = true;
            }
        }
        try (KeyPage page = KeyPage.open(); DescriptorKeys keys = new DescriptorKeys(fd, page)) {
            if (!page.locked()) {
                LOG.log(Level.WARNING, "the page typed keys arrive in could not be locked (lock limit): the bytes"
                        + " of a keystroke could reach swap while the prompt runs" + (page.dontDump() ? "" : ", and"
                        + " a core dump"));
            }
            if (!terminal) {
                LineEditor editor = new LineEditor(line, new MaskEcho(PromptOutput.NONE, 0));
                return PromptLoop.run(keys, editor, options.timeout().toNanos(), false, () -> stopped);
            }
            PromptOutput output = PromptOutput.toDescriptor(fd);
            try (RawMode raw = RawMode.enter(fd)) {
                output.write(options.prompt().getBytes(StandardCharsets.UTF_8));
                LineEditor editor = new LineEditor(line, new MaskEcho(output, options.mask()));
                return finish(PromptLoop.run(keys, editor, options.timeout().toNanos(), false, () -> stopped), output);
            }
        } finally {
            if (opened) {
                Termios.close(fd);
            }
        }
    }

    /** Ends the shown line, so what the host prints next starts on a line of its own. */
    private static PromptOutcome finish(PromptOutcome outcome, PromptOutput output) throws IOException {
        output.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return outcome;
    }

    /** Wipes the line on every outcome but COMPLETED, and when anything is thrown. */
    private PromptOutcome guarded(SecretLine line, PromptBody body) throws IOException {
        PromptOutcome outcome = null;
        running.incrementAndGet();
        try {
            if (stopped) {
                throw new IOException("the secret prompt service stopped");
            }
            outcome = body.run();
            return outcome;
        } finally {
            running.decrementAndGet();
            if (outcome != PromptOutcome.COMPLETED) {
                wipe(line);
            }
        }
    }

    private static void wipe(SecretLine line) {
        try {
            line.clear();
        } catch (IllegalStateException closed) {
            // closed (by the host, or its memory went away): closing wiped it
        }
    }

    @FunctionalInterface
    private interface PromptBody {
        PromptOutcome run() throws IOException;
    }
}
