package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * The bulk operations on a slot's bytes that a block and its {@link BlockAccess} share, with absolute indexes
 * into the shared slab (no position moves, so threads can share it). The callers have checked every range.
 */
final class SlabBytes {
    private static final long EVERY_BYTE = 0x0101_0101_0101_0101L;

    private SlabBytes() {
    }

    /** A memmove: the JDK's bulk put within one direct buffer copies as if through a temporary buffer. */
    static void copy(ByteBuffer slab, int from, int to, int length) {
        slab.put(to, slab, from, length);
    }

    /** Word stores, then the tail a byte at a time (no fill in the JDK 17 buffer API). */
    static void fill(ByteBuffer slab, int at, int length, byte value) {
        long word = (value & 0xFFL) * EVERY_BYTE; // the same in either byte order
        int end = at + length;
        int i = at;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            slab.putLong(i, word);
        }
        for (; i < end; i++) {
            slab.put(i, value);
        }
    }

    /** The JDK's vectorized mismatch over a slice of the slab and the array range. */
    static int mismatch(ByteBuffer slab, int at, byte[] other, int offset, int length) {
        return slab.slice(at, length).mismatch(ByteBuffer.wrap(other, offset, length));
    }
}
