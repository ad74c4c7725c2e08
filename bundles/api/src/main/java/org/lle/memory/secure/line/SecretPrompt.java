package org.lle.memory.secure.line;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a secret a person types into a {@link SecretLine}, with the editing keys of a line editor: Backspace,
 * Delete, the arrows, Home/End, Ctrl-U, Ctrl-K, Ctrl-W; Enter completes, Ctrl-D on an empty line ends the input,
 * Ctrl-C or Escape cancels. The caller owns the line: it creates it, uses the text, and closes it.
 */
@ProviderType
public interface SecretPrompt {

    /**
     * Reads from the process's terminal: standard input when it is a terminal, else the controlling terminal when
     * there is one, else standard input as a plain stream without echo. The terminal's settings are restored on
     * every exit.
     *
     * @param line where the text goes; emptied first
     * @param options the prompt text, the echo and the timeout
     * @return how the prompt ended
     * @throws IOException when the input cannot be read; the line is wiped
     */
    PromptOutcome read(SecretLine line, PromptOptions options) throws IOException;

    /**
     * Reads from a session's streams (a remote shell without a terminal of its own). The bytes pass through the
     * stream's own buffers, which this library cannot wipe; the prompt says so in a warning.
     *
     * @param line where the text goes; emptied first
     * @param options the prompt text, the echo and the timeout
     * @param in the session's input
     * @param out where the prompt and the echo go
     * @return how the prompt ended
     * @throws IOException when the input cannot be read; the line is wiped
     */
    PromptOutcome read(SecretLine line, PromptOptions options, InputStream in, OutputStream out) throws IOException;
}
