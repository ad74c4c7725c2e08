package org.lle.memory.secure.posix.internal;

import java.util.ArrayList;
import java.util.List;
import org.lle.memory.internal.padding.CacheLinePadding;

/**
 * The chunks of one slot size. Allocation pops a free slot under this class's monitor (no syscall unless a
 * chunk must be added); release pushes it back. An emptied chunk is kept as the one spare of the class when
 * the arena's idle budget allows ({@link LockedArena#reserveIdle}), otherwise it is unmapped at once, so the
 * map count stays flat under churn and idle locked memory stays bounded. A new chunk is mapped with no
 * monitor held, so the arena can take other classes' spares back when a lock would fail.
 *
 * <p>A dedicated class serves the sizes above the arena's largest class: each buffer gets a one-slot chunk of
 * its own (guard pages, lock, advice and canary as any chunk), unmapped when the buffer closes.
 *
 * <p>The fields are in {@link ArenaSizeClassState}, between cache lines of padding: one thread takes this monitor on
 * every allocate and close, and the object header holds the monitor.
 */
final class ArenaSizeClass extends ArenaSizeClassState {
    /** a line after the state, for whatever the GC puts behind the object (see {@link CacheLinePadding}) */
    long q01, q02, q03, q04, q05, q06, q07, q08;

    ArenaSizeClass(LockedArena arena, int slotSize, int chunkBytes) {
        super(arena, slotSize, chunkBytes, false);
    }

    /** @return the class of buffers that each get a chunk of their own, up to {@code maxSize} bytes */
    static ArenaSizeClass dedicated(LockedArena arena, int maxSize) {
        return new ArenaSizeClass(arena, maxSize);
    }

    private ArenaSizeClass(LockedArena arena, int maxSize) {
        super(arena, maxSize, 0, true);
    }

    /** @return a new buffer, its canary written */
    ArenaBuffer allocate(int size) {
        if (!dedicated) {
            synchronized (this) {
                arena.checkOpen();
                ArenaChunk chunk = chunkWithFreeSlot();
                if (chunk != null) {
                    return take(chunk, size, false);
                }
            }
        } else {
            arena.checkOpen();
        }
        ArenaChunk fresh = dedicated ? arena.newDedicatedChunk(this, size) : arena.newChunk(this);
        synchronized (this) {
            if (arena.isClosed()) { // shut down while the chunk was mapped: nobody will unmap it later
                fresh.released = true;
                arena.unmapped(fresh);
                arena.checkOpen();
            }
            chunks.add(fresh);
            if (!dedicated) {
                fresh.listed = true;
                withFree.add(fresh);
            }
            return take(fresh, size, true);
        }
    }

    synchronized void release(ArenaSlot slot) {
        ArenaChunk chunk = slot.chunk;
        if (chunk.released) {
            return; // the provider shut down and already unmapped it
        }
        chunk.setGuard(slot.index, null);
        chunk.liveCount--;
        chunk.push(slot.index);
        if (dedicated) {
            unmap(chunk);
            return;
        }
        if (!chunk.listed) {
            chunk.listed = true;
            withFree.add(chunk);
        }
        if (chunk.liveCount == 0) {
            if (emptyChunks == 0 && !arena.isClosed() && arena.reserveIdle(chunk.memory)) {
                emptyChunks++;
                idleLockedBytes += lockedBytesOf(chunk);
            } else {
                unmap(chunk);
            }
        }
    }

    /** @return the buffers still open in this class */
    synchronized List<ArenaSlot> liveSlots() {
        List<ArenaSlot> slots = new ArrayList<>();
        for (ArenaChunk chunk : chunks) {
            for (LeakGuard guard : chunk.live) {
                if (guard != null) {
                    slots.add(guard.slot);
                }
            }
        }
        return slots;
    }

    /**
     * Unmaps every chunk left (shutdown, after every slot was closed). A chunk holding a slot abandoned to an
     * access still open stays mapped (that access may still touch it); the access's close returns the slot,
     * and the chunk is unmapped then.
     */
    synchronized void unmapAll() {
        for (ArenaChunk chunk : new ArrayList<>(chunks)) {
            if (chunk.liveCount > 0) {
                continue;
            }
            arena.returnIdle(chunk.memory);
            unmap(chunk);
        }
        withFree.clear();
        emptyChunks = 0;
        idleLockedBytes = 0;
    }

    /**
     * Unmaps the spare chunk, if any.
     *
     * @return the locked bytes given back
     */
    synchronized long trim() {
        long freed = 0;
        for (ArenaChunk chunk : new ArrayList<>(chunks)) {
            if (chunk.liveCount == 0) {
                freed += lockedBytesOf(chunk);
                arena.returnIdle(chunk.memory);
                unmap(chunk);
            }
        }
        emptyChunks = 0;
        idleLockedBytes = 0;
        return freed;
    }

    synchronized int chunkCount() {
        return chunks.size();
    }

    synchronized long idleLockedBytes() {
        return idleLockedBytes;
    }

    private ArenaBuffer take(ArenaChunk chunk, int size, boolean fresh) {
        if (chunk.liveCount == 0 && !fresh) { // the spare goes back to work
            emptyChunks--;
            idleLockedBytes -= lockedBytesOf(chunk);
            arena.returnIdle(chunk.memory);
        }
        int index = chunk.pop();
        ArenaSlot slot = new ArenaSlot(chunk, index, size);
        ArenaBuffer buffer = new ArenaBuffer(slot);
        chunk.setGuard(index, new LeakGuard(buffer, arena.leaks(), slot));
        chunk.liveCount++;
        return buffer;
    }

    /** @return a listed chunk with a free slot, or {@code null} when a chunk must be added */
    private ArenaChunk chunkWithFreeSlot() {
        for (int last = withFree.size() - 1; last >= 0; last = withFree.size() - 1) {
            ArenaChunk chunk = withFree.get(last);
            if (!chunk.released && chunk.freeCount() > 0) {
                return chunk;
            }
            withFree.remove(last);
            chunk.listed = false;
        }
        return null;
    }

    private void unmap(ArenaChunk chunk) {
        chunk.released = true;
        chunks.remove(chunk);
        arena.unmapped(chunk);
    }

    private static long lockedBytesOf(ArenaChunk chunk) {
        return chunk.memory.locked() ? chunk.memory.dataLength : 0;
    }
}
