package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;

/** Typed bytes, one at a time, with a bounded wait. */
interface KeySource extends AutoCloseable {
    /** {@link #next(int)}: nothing arrived in time. */
    int NONE = -2;
    /** {@link #next(int)}: the input ended. */
    int END = -1;
    /** A wait for {@link #next(int)} with no bound: a source that cannot wait otherwise may block. */
    int FOREVER = -1;

    /**
     * @param waitMillis how long to wait for a byte, at least 1, or {@link #FOREVER}
     * @return the next byte as {@code 0..255}, {@link #NONE} or {@link #END}
     */
    int next(int waitMillis) throws IOException;

    /** Wipes whatever this source still holds of the input. */
    @Override
    void close();
}
