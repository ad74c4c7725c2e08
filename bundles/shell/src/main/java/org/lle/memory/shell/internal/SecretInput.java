package org.lle.memory.shell.internal;

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
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;
import org.lle.memory.secure.line.SecretPrompt;

/**
 * Where a secret comes from, and how it gets into a {@link SecretLine}. With the {@link SecretPrompt} service the
 * typed bytes go straight into the line's secure memory (no Java copy at all); without it, the JDK's console or
 * a line of the session's input is read into a {@code char[]} that is wiped as soon as its code points are in the
 * line.
 */
abstract class SecretInput {
    /** The demo value: public by design, used by {@code --batch} so scripts need no input. */
    private static final String DEMO = "lle-demo-secret: correct horse battery staple";
    private static final int MAX_LINE_BYTES = 64 * 1024;
    static final String PROMPT = "Secret (not echoed): ";

    /** @return a description for the output, e.g. "the terminal, without echo" */
    abstract String origin();

    /**
     * @return whether the secret passed through a Java {@code char[]} on its way (wiped after), as opposed to
     *         going from the input straight into secure memory
     */
    abstract boolean viaJavaCopy();

    /** Reads the secret into {@code line}, which is empty before. */
    abstract PromptOutcome readInto(SecretLine line) throws IOException;

    static SecretInput demo() {
        return new SecretInput() {
            @Override
            String origin() {
                return "the fixed demo value (not a real secret)";
            }

            @Override
            boolean viaJavaCopy() {
                return false;
            }

            @Override
            PromptOutcome readInto(SecretLine line) {
                DEMO.codePoints().forEach(line::insert);
                return PromptOutcome.COMPLETED;
            }
        };
    }

    /** The prompt on the process's own terminal (standard input, else {@code /dev/tty}, else a stdin pipe). */
    static SecretInput terminal(SecretPrompt prompt) {
        return new SecretInput() {
            @Override
            String origin() {
                return "the process's terminal (or its standard input), without echo, straight into secure memory";
            }

            @Override
            boolean viaJavaCopy() {
                return false;
            }

            @Override
            PromptOutcome readInto(SecretLine line) throws IOException {
                return prompt.read(line, PromptOptions.defaults().withPrompt(PROMPT));
            }
        };
    }

    /**
     * The prompt over a session's streams (a remote shell): the prompt itself warns that the secret passed
     * through the session's buffers.
     */
    static SecretInput session(SecretPrompt prompt, InputStream in, PrintStream out) {
        return new SecretInput() {
            @Override
            String origin() {
                return "the session's input stream (its buffers are outside this library's reach)";
            }

            @Override
            boolean viaJavaCopy() {
                return false;
            }

            @Override
            PromptOutcome readInto(SecretLine line) throws IOException {
                return prompt.read(line, PromptOptions.defaults().withPrompt(PROMPT), in, out);
            }
        };
    }

    /**
     * Without the prompt service: the console without echo when there is one, else a line of {@code keyboard}
     * after a warning.
     */
    static SecretInput withoutPrompt(InputStream keyboard, PrintStream out) {
        Console console = System.console();
        if (console != null) {
            return new CharsInput("the console, without echo (no SecretPrompt service: via a char[], wiped)") {
                @Override
                char[] chars() {
                    char[] chars = console.readPassword("%s", PROMPT);
                    return chars == null ? new char[0] : chars;
                }
            };
        }
        return new CharsInput("standard input (no console: the line may be echoed or logged by whatever feeds it)") {
            @Override
            char[] chars() {
                out.println("WARNING: no console, so the secret cannot be read without echo; reading one line from standard input");
                out.flush();
                return readLine(keyboard);
            }
        };
    }

    /** A reader that returns a {@code char[]}: its code points go into the line and it is wiped at once. */
    private abstract static class CharsInput extends SecretInput {
        private final String origin;

        CharsInput(String origin) {
            this.origin = origin;
        }

        abstract char[] chars();

        @Override
        String origin() {
            return origin;
        }

        @Override
        boolean viaJavaCopy() {
            return true;
        }

        @Override
        PromptOutcome readInto(SecretLine line) {
            char[] chars = chars();
            try {
                insert(line, chars);
                return line.isEmpty() ? PromptOutcome.END_OF_INPUT : PromptOutcome.COMPLETED;
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
    }

    /** @throws IllegalArgumentException for a lone surrogate or a line over its maximum, naming which */
    static void insert(SecretLine line, char[] chars) {
        for (int i = 0; i < chars.length; ) {
            int codePoint = Character.codePointAt(chars, i);
            if (Character.isSurrogate((char) codePoint) && codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                throw new IllegalArgumentException("the secret cannot be encoded as UTF-8 (a lone surrogate at index "
                        + i + ")");
            }
            try {
                line.insert(codePoint);
            } catch (SecretLineFullException full) {
                throw new IllegalArgumentException("the secret is longer than " + full.maxLength() + " characters", full);
            }
            i += Character.charCount(codePoint);
        }
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
    private static final class WipingBytes extends java.io.ByteArrayOutputStream {
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
