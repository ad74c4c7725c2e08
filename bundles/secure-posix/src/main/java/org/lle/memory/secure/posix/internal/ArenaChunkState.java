package org.lle.memory.secure.posix.internal;

import java.nio.ByteBuffer;
import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * The fields of an {@link ArenaChunk}, between a line of padding on each side ({@link CacheLinePadding} before,
 * {@code ArenaChunk}'s own after). All but the final ones are guarded by the owning {@link ArenaSizeClass}'s monitor.
 */
abstract class ArenaChunkState extends CacheLinePadding {
    /**
     * Unused elements at each end of {@link #live} and {@link #free}: the slots in use sit at the ends (slot 0
     * is handed out first), and an array's end shares a line with whatever the GC put next to it.
     */
    static final int ARRAY_PAD = 16;

    final ArenaSizeClass sizeClass;
    final MappedChunk memory;
    final ByteBuffer view;
    final int stride;
    final int capacity;
    /** the guard of each slot in use ({@code live[ARRAY_PAD + index]}), null for a free slot */
    final LeakGuard[] live;
    final long canarySeed;
    /** the free-slot stack, bottom at {@code ARRAY_PAD} */
    final int[] free;
    int freeCount;
    int liveCount;
    /** whether the chunk is in its class's list of chunks with free slots */
    boolean listed;
    boolean released;

    ArenaChunkState(ArenaSizeClass sizeClass, MappedChunk memory, long canarySeed, int stride) {
        this.sizeClass = sizeClass;
        this.memory = memory;
        this.view = memory.view();
        this.stride = stride;
        this.capacity = memory.dataLength / stride;
        this.live = new LeakGuard[capacity + 2 * ARRAY_PAD];
        this.canarySeed = canarySeed;
        this.free = new int[capacity + 2 * ARRAY_PAD];
        for (int i = 0; i < capacity; i++) {
            free[ARRAY_PAD + i] = capacity - 1 - i; // pop hands out slot 0 first
        }
        this.freeCount = capacity;
    }
}
