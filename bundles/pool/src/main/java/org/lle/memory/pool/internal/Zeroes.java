package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/** Wipes block memory with bulk copies from a shared zero array (an intrinsic memory copy, no loop per byte). */
final class Zeroes {
    private static final byte[] ZEROS = new byte[16 * 1024];

    private Zeroes() {
    }

    /** Zeroes {@code memory[from..from+length)} with absolute puts: the buffer's position never moves. */
    static void wipe(ByteBuffer memory, int from, int length) {
        int end = from + length;
        if (length <= 64) { // a few word stores beat the set-up of a bulk copy
            int i = from;
            for (; i + Long.BYTES <= end; i += Long.BYTES) {
                memory.putLong(i, 0L);
            }
            for (; i < end; i++) {
                memory.put(i, (byte) 0);
            }
            return;
        }
        for (int at = from; at < end;) {
            int n = Math.min(ZEROS.length, end - at);
            memory.put(at, ZEROS, 0, n);
            at += n;
        }
    }
}
