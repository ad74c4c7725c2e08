package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.Termios;

/**
 * Bytes from a file descriptor (a terminal or a pipe): poll(2) for the wait, read(2) straight into the
 * {@link KeyPage}, one byte at a time out of it into the caller's local variable; what was read is wiped
 * before the next read and on {@link #close()}.
 */
final class DescriptorKeys implements KeySource {
    private static final int EAGAIN = Errno.EAGAIN;

    private final int fd;
    private final KeyPage page;
    private int count;
    private int position;

    DescriptorKeys(int fd, KeyPage page) {
        this.fd = fd;
        this.page = page;
    }

    @Override
    public int next(int waitMillis) throws IOException {
        if (position < count) {
            return page.get(position++);
        }
        page.wipe(count);
        count = 0;
        position = 0;
        int ready = Termios.pollIn(fd, waitMillis == FOREVER ? -1 : Math.max(1, waitMillis));
        if (ready == 0) {
            return NONE;
        }
        if (ready < 0) {
            return retryOrFail("poll");
        }
        long n = Termios.read(fd, page.address(), page.size());
        if (n == 0) {
            return END;
        }
        if (n < 0) {
            int errno = Termios.errno();
            if (errno == Errno.EIO) {
                return END; // the terminal hung up
            }
            return retryOrFail("read");
        }
        count = (int) n;
        return page.get(position++);
    }

    private static int retryOrFail(String call) throws IOException {
        int errno = Termios.errno();
        if (errno == Errno.EINTR || errno == EAGAIN) {
            return NONE;
        }
        throw new IOException(call + "(2) of the secret's input failed: " + Errno.describe(errno));
    }

    @Override
    public void close() {
        page.wipe(count);
        count = 0;
        position = 0;
    }
}
