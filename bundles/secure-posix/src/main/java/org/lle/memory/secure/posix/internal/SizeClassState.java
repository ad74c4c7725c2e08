package org.lle.memory.secure.posix.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a {@link SizeClass}, between a line of padding on each side ({@link CacheLinePadding} before,
 * {@code SizeClass}'s own after). The mutable ones are guarded by the {@code SizeClass} monitor.
 */
abstract class SizeClassState extends CacheLinePadding {
    final LockedArena arena;
    final int slotSize;
    final int stride;
    final int chunkBytes;
    final List<ArenaChunk> chunks = new ArrayList<>();
    final List<ArenaChunk> withFree = new ArrayList<>();
    int emptyChunks;

    SizeClassState(LockedArena arena, int slotSize, int chunkBytes) {
        this.arena = arena;
        this.slotSize = slotSize;
        this.stride = slotSize + Long.BYTES;
        this.chunkBytes = chunkBytes;
    }
}
