package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/** Wipes block memory with bulk copies from a shared zero array (an intrinsic memory copy, no loop per byte). */
final class Zeroes {
    private static final byte[] ZEROS = new byte[16 * 1024];

    private Zeroes() {
    }

    static void wipe(ByteBuffer memory, int length) {
        if (length <= 64) { // a few word stores beat the set-up of a bulk copy
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES) {
                memory.putLong(i, 0L);
            }
            for (; i < length; i++) {
                memory.put(i, (byte) 0);
            }
            return;
        }
        for (int done = 0; done < length;) {
            int n = Math.min(ZEROS.length, length - done);
            memory.put(done, ZEROS, 0, n);
            done += n;
        }
    }
}
