package org.lle.memory.secure.posix.internal;

import java.nio.ByteBuffer;
import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * A mapped chunk cut into equal slots of one size class, with its free-slot stack (the fields are in
 * {@link ArenaChunkState}, between cache lines of padding). The chunk's one {@link ByteBuffer} view never leaves
 * the arena: slots reach memory through it, after their bounds checks.
 */
final class ArenaChunk extends ArenaChunkState {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** a line after the state, for whatever the GC puts behind the object (see {@link CacheLinePadding}) */
    long q01, q02, q03, q04, q05, q06, q07, q08;

    /** @param stride bytes per slot: the class's stride, or the whole buffer for a dedicated one-slot chunk */
    ArenaChunk(ArenaSizeClass sizeClass, MappedChunk memory, long canarySeed, int stride) {
        super(sizeClass, memory, canarySeed, stride);
    }

    /**
     * @return the canary of slot {@code index}: random per chunk, different per slot (a slot copied over its
     *         neighbour is caught), low byte zero (stops string overflows, as glibc's stack canary does)
     */
    long canary(int index) {
        return ((canarySeed ^ (index + 1) * GOLDEN) & ~0xFFL) | 0x100L;
    }

    int freeCount() {
        return freeCount;
    }

    int pop() {
        return free[ARRAY_PAD + --freeCount];
    }

    void push(int index) {
        free[ARRAY_PAD + freeCount++] = index;
    }

    void setGuard(int index, LeakGuard guard) {
        live[ARRAY_PAD + index] = guard;
    }
}
