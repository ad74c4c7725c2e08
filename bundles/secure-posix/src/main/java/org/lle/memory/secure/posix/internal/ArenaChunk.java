package org.lle.memory.secure.posix.internal;

import java.nio.ByteBuffer;

/**
 * A mapped chunk cut into equal slots of one size class, with its free-slot stack. All fields but the
 * final ones are guarded by the owning {@link SizeClass}'s monitor. The chunk's one {@link ByteBuffer} view
 * never leaves the arena: slots reach memory through it, after their bounds checks.
 */
final class ArenaChunk {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    final SizeClass sizeClass;
    final MappedChunk memory;
    final ByteBuffer view;
    final int stride;
    final int capacity;
    /** the guard of each slot in use, null for a free slot */
    final LeakGuard[] live;
    private final long canarySeed;
    private final int[] free;
    private int freeCount;
    int liveCount;
    /** whether the chunk is in its class's list of chunks with free slots */
    boolean listed;
    boolean released;

    ArenaChunk(SizeClass sizeClass, MappedChunk memory, long canarySeed) {
        this.sizeClass = sizeClass;
        this.memory = memory;
        this.view = memory.view();
        this.stride = sizeClass.stride;
        this.capacity = memory.dataLength / stride;
        this.live = new LeakGuard[capacity];
        this.canarySeed = canarySeed;
        this.free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i; // pop hands out slot 0 first
        }
        this.freeCount = capacity;
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
        return free[--freeCount];
    }

    void push(int index) {
        free[freeCount++] = index;
    }
}
