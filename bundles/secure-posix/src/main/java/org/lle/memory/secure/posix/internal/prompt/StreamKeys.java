package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * Bytes from a session's {@link InputStream}, read one at a time into the caller's local variable. The stream's
 * own buffers (a socket's, an SSH channel's) are outside this library's reach: the prompt warns about them. A
 * bounded wait uses {@link InputStream#available()}, checked every few milliseconds, since a stream has no poll.
 */
final class StreamKeys implements KeySource {
    private static final long CHECK_NANOS = 10_000_000L;

    private final InputStream in;

    StreamKeys(InputStream in) {
        this.in = in;
    }

    @Override
    public int next(int waitMillis) throws IOException {
        if (waitMillis == FOREVER) {
            int b = in.read();
            return b < 0 ? END : b;
        }
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (in.available() <= 0) {
            if (System.nanoTime() - deadline >= 0) {
                return NONE;
            }
            LockSupport.parkNanos(CHECK_NANOS);
        }
        int b = in.read();
        return b < 0 ? END : b;
    }

    @Override
    public void close() {
        // nothing of the input is held here; the stream belongs to the session
    }
}
