package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * Wipes block memory with bulk copies (an intrinsic memory copy, no loop per byte) from shared zeroes off
 * the heap, page-aligned and read-only (every use is an absolute get, so threads share it).
 * A heap array as the source lands anywhere mod 64 and moves with the GC, so the cost of a copy from one
 * varied with where it lay; this source costs the same every time (docs/performance.md, design measurements).
 */
final class Zeroes {
    private static final int SIZE = 16 * 1024;
    private static final ByteBuffer ZEROS = zeroSource();

    private Zeroes() {
    }

    /**
     * Off the heap when direct memory allows, else on it: this class may first load when a block is closed
     * after direct memory ran out (DirectMemoryExhaustionTest), and that close must still wipe.
     */
    private static ByteBuffer zeroSource() {
        try {
            return ByteBuffer.allocateDirect(SIZE + 4096).alignedSlice(4096).slice(0, SIZE).asReadOnlyBuffer();
        } catch (OutOfMemoryError directMemoryExhausted) {
            return ByteBuffer.allocate(SIZE).asReadOnlyBuffer();
        }
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
            int n = Math.min(SIZE, end - at);
            memory.put(at, ZEROS, 0, n);
            at += n;
        }
    }
}
