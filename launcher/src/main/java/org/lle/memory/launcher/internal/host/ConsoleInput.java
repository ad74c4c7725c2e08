package org.lle.memory.launcher.internal.host;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * The interactive shell's keyboard: the process's standard input until {@link #end()}, then end of input. The
 * Gogo console reads only while it waits for a line, so once a command has ended the input, the console's next
 * read finds the end, exactly as after Ctrl-D. It stays a {@link FileInputStream} over {@link FileDescriptor#in}
 * because that is how the shell's commands (the secret prompt) recognise the process's own terminal.
 */
final class ConsoleInput extends FileInputStream {
    private volatile boolean ended;

    ConsoleInput() {
        super(FileDescriptor.in);
    }

    /** From now on every read answers end of input; what the user typed after it is left unread. */
    void end() {
        ended = true;
    }

    @Override
    public int read() throws IOException {
        return ended ? -1 : super.read();
    }

    @Override
    public int read(byte[] b) throws IOException {
        return ended ? -1 : super.read(b);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return ended ? -1 : super.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return ended ? 0 : super.available();
    }

    /** Ends the input but leaves the process's standard input open: it is not this stream's to close. */
    @Override
    public void close() {
        end();
    }
}
