package org.lle.memory.shell.prompt;

import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.PosixSysTerminal;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretPrompt;

/**
 * How a host that runs JLine hands its terminal to the secret prompt and gets it back (the adapter shown in
 * docs/host-integration.md).
 *
 * <p>The process's own terminal ({@link PosixSysTerminal}, what {@code TerminalBuilder.builder().system(true)}
 * builds on a POSIX terminal): JLine is paused, so nothing of it reads the terminal meanwhile, and the prompt reads
 * the terminal's file descriptor itself, into secure memory, with no byte passing through JLine. The prompt saves
 * JLine's terminal settings and restores exactly them, then JLine resumes.
 *
 * <p>Any other JLine terminal (an SSH or telnet session: JLine's line discipline over the session's streams)
 * has no file descriptor to hand over: its bytes reach the prompt through JLine's input stream, whose buffers
 * JLine neither wipes nor lets a caller wipe. JLine is put in raw mode (its own echo off) for the prompt, and the
 * prompt warns that the secret passed through the session's buffers.
 */
final class JLineSecretPrompt {
    private JLineSecretPrompt() {
    }

    static PromptOutcome read(Terminal terminal, SecretPrompt prompt, SecretLine line, PromptOptions options)
            throws IOException, InterruptedException {
        terminal.flush();
        if (terminal instanceof PosixSysTerminal) {
            boolean pause = terminal.canPauseResume() && !terminal.paused();
            if (pause) {
                terminal.pause(true);
            }
            try {
                return prompt.read(line, options);
            } finally {
                if (pause) {
                    terminal.resume();
                }
            }
        }
        Attributes saved = terminal.enterRawMode();
        try {
            return prompt.read(line, options, terminal.input(), terminal.output());
        } finally {
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }
}
