package org.lle.memory.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Where a secret comes from. Every read returns a fresh {@code char[]} that the caller must wipe. */
abstract class SecretInput {
    /** The demo value: public by design, used by {@code --batch} so scripts need no input. */
    private static final char[] DEMO = "lle-demo-secret: correct horse battery staple".toCharArray();
    private static final int MAX_LINE_BYTES = 64 * 1024;

    /** @return a description for the output, e.g. "the console, without echo" */
    abstract String origin();

    abstract char[] read();

    static SecretInput demo() {
        return new SecretInput() {
            @Override
            String origin() {
                return "the fixed demo value (not a real secret)";
            }

            @Override
            char[] read() {
                return DEMO.clone();
            }
        };
    }

    /** The console without echo when there is one, else a line of {@code keyboard} after a warning. */
    static SecretInput interactive(InputStream keyboard, PrintStream out) {
        Console console = System.console();
        if (console != null) {
            return new SecretInput() {
                @Override
                String origin() {
                    return "the console, without echo";
                }

                @Override
                char[] read() {
                    char[] chars = console.readPassword("Secret (not echoed): ");
                    return chars == null ? new char[0] : chars;
                }
            };
        }
        return new SecretInput() {
            @Override
            String origin() {
                return "standard input (no console: the line may be echoed or logged by whatever feeds it)";
            }

            @Override
            char[] read() {
                out.println("WARNING: no console, so the secret cannot be read without echo; reading one line from standard input");
                out.flush();
                return readLine(keyboard);
            }
        };
    }

    /** Reads bytes up to a newline or the end, decodes them as UTF-8, wiping every intermediate copy. */
    static char[] readLine(InputStream in) {
        WipingBytes bytes = new WipingBytes();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (bytes.size() >= MAX_LINE_BYTES) {
                    throw new IllegalArgumentException("secret line longer than " + MAX_LINE_BYTES + " bytes");
                }
                bytes.write(b);
            }
            int len = bytes.size();
            if (len > 0 && bytes.buffer()[len - 1] == '\r') {
                len--;
            }
            return decode(bytes.buffer(), len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret from standard input", e);
        } finally {
            bytes.wipe();
        }
    }

    /** UTF-8 never yields more chars than bytes, so one scratch array of {@code len} holds it; wiped on every way out. */
    private static char[] decode(byte[] bytes, int len) {
        char[] scratch = new char[len];
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
            CharBuffer out = CharBuffer.wrap(scratch);
            if (!decoder.decode(ByteBuffer.wrap(bytes, 0, len), out, true).isUnderflow()
                    || !decoder.flush(out).isUnderflow()) {
                throw new IllegalArgumentException("the secret is not valid UTF-8");
            }
            return Arrays.copyOf(scratch, out.position());
        } finally {
            Arrays.fill(scratch, '\0');
        }
    }

    /** A growable byte array that wipes each array it outgrows, so no stale copy of the secret is left. */
    private static final class WipingBytes extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            if (count == buf.length) {
                byte[] old = buf;
                buf = Arrays.copyOf(old, old.length * 2);
                Arrays.fill(old, (byte) 0);
            }
            buf[count++] = (byte) b;
        }

        byte[] buffer() {
            return buf;
        }

        void wipe() {
            Arrays.fill(buf, (byte) 0);
            count = 0;
        }
    }
}
