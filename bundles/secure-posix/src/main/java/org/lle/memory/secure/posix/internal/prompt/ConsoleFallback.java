package org.lle.memory.secure.posix.internal.prompt;

import java.io.Console;
import java.io.IOException;
import java.util.Arrays;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;

/**
 * The degraded reader where the terminal calls are not available: {@link Console#readPassword}, which reads
 * the whole line in the terminal's canonical mode (its own erase and kill keys, no mask, no timeout, no
 * cancel but Ctrl-C as a signal) into a {@code char[]}. The code points go into the line and the array is
 * wiped at once, on every way out. What the console's own buffers held cannot be wiped from here.
 */
final class ConsoleFallback {
    private ConsoleFallback() {
    }

    static PromptOutcome read(SecretLine line, PromptOptions options) throws IOException {
        Console console = System.console();
        if (console == null) {
            throw new IOException("no terminal calls and no console: the secret cannot be read without echo here");
        }
        char[] chars = console.readPassword("%s", options.prompt());
        if (chars == null) {
            return PromptOutcome.END_OF_INPUT;
        }
        try {
            for (int i = 0; i < chars.length; ) {
                int codePoint = Character.codePointAt(chars, i);
                i += Character.charCount(codePoint);
                try {
                    line.insert(codePoint);
                } catch (SecretLineFullException | IllegalArgumentException refused) {
                    // as the editor does: a character the line refuses (full, lone surrogate) is left out
                }
            }
            return PromptOutcome.COMPLETED; // Enter, also on an empty line; Ctrl-D gives null above
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
