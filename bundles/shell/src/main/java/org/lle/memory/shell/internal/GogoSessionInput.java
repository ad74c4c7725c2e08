package org.lle.memory.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.Process;

/**
 * Whether the Gogo command running on this thread reads the process's own standard input (the launcher's console,
 * the Gogo shell's: both create their session over {@code new FileInputStream(FileDescriptor.in)}) or a stream of
 * a session of its own (telnet, SSH, a pipe inside the command line). Only in the first case may the prompt take
 * the process's terminal: a remote user must never be handed the server's console. Loaded only when a command runs,
 * so the bundle needs no Gogo package to resolve.
 */
final class GogoSessionInput {
    private GogoSessionInput() {
    }

    /** @return whether the running command's input is the process's own standard input, unredirected */
    static boolean isProcessStandardInput() {
        try {
            Process process = Process.Utils.current();
            Job job = Job.Utils.current();
            if (process == null || job == null || !process.isTty(0)) {
                return false;
            }
            InputStream keyboard = job.session().getKeyboard();
            return keyboard instanceof FileInputStream file && file.getFD() == FileDescriptor.in;
        } catch (IOException | LinkageError | RuntimeException notGogoOrNoSession) {
            return false;
        }
    }
}
