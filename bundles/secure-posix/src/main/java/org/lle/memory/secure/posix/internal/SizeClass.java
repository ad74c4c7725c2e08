package org.lle.memory.secure.posix.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of one slot size. Allocation pops a free slot under this class's monitor (no syscall unless a
 * chunk must be added); release pushes it back. An empty chunk is kept as the one spare of the class, any
 * further empty chunk is unmapped at once, so the map count stays flat under churn. The fields are in
 * {@link SizeClassState}, between cache lines of padding: one thread takes this monitor on every allocate and
 * close, and the object header holds the monitor.
 */
final class SizeClass extends SizeClassState {
    /** a line after the state, for whatever the GC puts behind the object (see {@link CacheLinePadding}) */
    long q01, q02, q03, q04, q05, q06, q07, q08;

    SizeClass(LockedArena arena, int slotSize, int chunkBytes) {
        super(arena, slotSize, chunkBytes);
    }

    /** @return a buffer whose slot has one access in flight; the caller finishes it with {@link Slot#open()} */
    synchronized ArenaBuffer allocate(int size) {
        arena.checkOpen();
        ArenaChunk chunk = chunkWithFreeSlot();
        if (chunk.liveCount == 0) {
            emptyChunks--;
        }
        int index = chunk.pop();
        Slot slot = new Slot(chunk, index, size);
        ArenaBuffer buffer = new ArenaBuffer(slot);
        chunk.setGuard(index, new LeakGuard(buffer, arena.leaks(), slot));
        chunk.liveCount++;
        return buffer;
    }

    synchronized void release(Slot slot) {
        ArenaChunk chunk = slot.chunk;
        if (chunk.released) {
            return; // the provider shut down and already unmapped it
        }
        chunk.setGuard(slot.index, null);
        chunk.liveCount--;
        chunk.push(slot.index);
        if (!chunk.listed) {
            chunk.listed = true;
            withFree.add(chunk);
        }
        if (chunk.liveCount == 0) {
            if (emptyChunks > 0 || arena.isClosed()) {
                unmap(chunk);
            } else {
                emptyChunks++;
            }
        }
    }

    /** @return the buffers still open in this class */
    synchronized List<Slot> liveSlots() {
        List<Slot> slots = new ArrayList<>();
        for (ArenaChunk chunk : chunks) {
            for (LeakGuard guard : chunk.live) {
                if (guard != null) {
                    slots.add(guard.slot);
                }
            }
        }
        return slots;
    }

    /** Unmaps every chunk left (shutdown, after every slot was closed). */
    synchronized void unmapAll() {
        for (ArenaChunk chunk : new ArrayList<>(chunks)) {
            unmap(chunk);
        }
        withFree.clear();
        emptyChunks = 0;
    }

    /** Unmaps the spare chunk, if any. */
    synchronized void trim() {
        for (ArenaChunk chunk : new ArrayList<>(chunks)) {
            if (chunk.liveCount == 0) {
                unmap(chunk);
            }
        }
        emptyChunks = 0;
    }

    synchronized int chunkCount() {
        return chunks.size();
    }

    private ArenaChunk chunkWithFreeSlot() {
        for (int last = withFree.size() - 1; last >= 0; last = withFree.size() - 1) {
            ArenaChunk chunk = withFree.get(last);
            if (!chunk.released && chunk.freeCount() > 0) {
                return chunk;
            }
            withFree.remove(last);
            chunk.listed = false;
        }
        ArenaChunk chunk = arena.newChunk(this);
        chunks.add(chunk);
        chunk.listed = true;
        withFree.add(chunk);
        emptyChunks++;
        return chunk;
    }

    private void unmap(ArenaChunk chunk) {
        chunk.released = true;
        chunks.remove(chunk);
        arena.unmapped(chunk);
    }
}
