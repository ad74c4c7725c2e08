package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import java.io.OutputStream;
import org.lle.memory.secure.posix.internal.nativ.Termios;

/** Where the prompt text and the echo go. Only shown text passes here (prompt, masks, cursor moves), never a secret. */
interface PromptOutput {
    /** Nothing is shown (a pipe, or no echo wanted and no prompt). */
    PromptOutput NONE = bytes -> {
    };

    void write(byte[] bytes) throws IOException;

    /** @return output to a terminal's file descriptor; a failed write ends the echo, never the prompt */
    static PromptOutput toDescriptor(int fd) {
        return new PromptOutput() {
            private boolean broken;

            @Override
            public void write(byte[] bytes) {
                int done = 0;
                while (!broken && done < bytes.length) {
                    byte[] rest = done == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, done, bytes.length);
                    long n = Termios.write(fd, rest, rest.length);
                    if (n <= 0) {
                        broken = true; // e.g. a terminal opened read-only: the prompt goes on without echo
                    } else {
                        done += (int) n;
                    }
                }
            }
        };
    }

    static PromptOutput toStream(OutputStream out) {
        return bytes -> {
            out.write(bytes);
            out.flush();
        };
    }
}
