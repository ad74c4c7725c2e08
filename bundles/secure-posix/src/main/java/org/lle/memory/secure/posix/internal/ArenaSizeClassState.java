package org.lle.memory.secure.posix.internal;

import java.util.ArrayList;
import java.util.List;
import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * The fields of a {@link ArenaSizeClass}, between a line of padding on each side ({@link CacheLinePadding} before,
 * {@code ArenaSizeClass}'s own after). The mutable ones are guarded by the {@code ArenaSizeClass} monitor.
 */
abstract class ArenaSizeClassState extends CacheLinePadding {
    final LockedArena arena;
    final int slotSize;
    final int stride;
    final int chunkBytes;
    /** one chunk per buffer, mapped for it and unmapped when it closes (buffers above the arena's classes) */
    final boolean dedicated;
    final List<ArenaChunk> chunks = new ArrayList<>();
    final List<ArenaChunk> withFree = new ArrayList<>();
    /** chunks with no buffer in use, kept as spares (at most one) */
    int emptyChunks;
    /** the locked data bytes of those spares */
    long idleLockedBytes;

    ArenaSizeClassState(LockedArena arena, int slotSize, int chunkBytes, boolean dedicated) {
        this.arena = arena;
        this.slotSize = slotSize;
        this.stride = slotSize + Long.BYTES;
        this.chunkBytes = chunkBytes;
        this.dedicated = dedicated;
    }
}
