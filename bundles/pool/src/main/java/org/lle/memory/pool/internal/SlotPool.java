package org.lle.memory.pool.internal;

import java.nio.ByteBuffer;

/**
 * One pool of fixed-size slots, grown lazily in direct-memory slabs up to {@code maxBlocks}. Touched only on
 * a thread-cache miss or overflow, so a plain monitor is enough; {@link #outstanding()} is readable without
 * it for the selection algorithms.
 */
final class SlotPool {
    /** Slabs are carved so that small classes do not make a syscall-sized allocation per block. */
    private static final int SLAB_TARGET_BYTES = 128 * 1024;
    private static final int MAX_SLOTS_PER_SLAB = 256;

    final int blockSize;
    final int maxBlocks;
    final int typeIndex;
    final int classIndex;
    final int poolIndex;
    /** The pools of the type this pool belongs to; {@code null} for emergency-reserve pools. */
    final TypePools owner;

    private Slot[] free = new Slot[16];
    private int freeCount;
    private int carved;
    private ByteBuffer slab;
    private int slabNext;
    private int slabSlots;
    /** Slots handed out (live or in a thread cache): carved minus free. */
    private volatile int outstanding;
    /** Whether the last attempt to grow failed because direct memory ran out. */
    private volatile boolean outOfDirectMemory;

    SlotPool(int blockSize, int maxBlocks, int typeIndex, int classIndex, int poolIndex, TypePools owner) {
        this.blockSize = blockSize;
        this.maxBlocks = maxBlocks;
        this.typeIndex = typeIndex;
        this.classIndex = classIndex;
        this.poolIndex = poolIndex;
        this.owner = owner;
    }

    boolean isEmergency() {
        return owner == null;
    }

    int outstanding() {
        return outstanding;
    }

    boolean outOfDirectMemory() {
        return outOfDirectMemory;
    }

    boolean hasRoom() {
        return outstanding < maxBlocks;
    }

    /** @return a zero-filled slot, or {@code null} when the pool is full or direct memory ran out */
    synchronized Slot take() {
        Slot slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
            free[freeCount] = null;
        } else if (carved < maxBlocks) {
            slot = carve();
            if (slot == null) {
                return null;
            }
        } else {
            return null;
        }
        outstanding = outstanding + 1;
        return slot;
    }

    synchronized void give(Slot slot) {
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = slot;
        outstanding = outstanding - 1;
    }

    /** Lets go of the free slots (trim, or retired pools), so slabs with no open block can be collected. */
    synchronized void dropFree() {
        java.util.Arrays.fill(free, 0, freeCount, null);
        carved -= freeCount;
        freeCount = 0;
        slab = null;
    }

    /** Forgets a slot for good (its generation is retired); the slab is freed by GC once unreachable. */
    synchronized void forget() {
        outstanding = outstanding - 1;
    }

    private Slot carve() {
        if (slab == null || slabNext == slabSlots) {
            int slots = (int) Math.min(maxBlocks - (long) carved,
                    Math.max(1, Math.min(MAX_SLOTS_PER_SLAB, SLAB_TARGET_BYTES / blockSize)));
            try {
                slab = ByteBuffer.allocateDirect(slots * blockSize);
            } catch (OutOfMemoryError directMemoryExhausted) {
                // -XX:MaxDirectMemorySize reached: this is memory pressure, reported as a refusal, not a crash
                outOfDirectMemory = true;
                return null;
            }
            outOfDirectMemory = false;
            slabSlots = slots;
            slabNext = 0;
        }
        Slot slot = new Slot(this, slab, slabNext * blockSize);
        slabNext++;
        carved++;
        return slot;
    }

    @Override
    public String toString() {
        return "pool " + poolIndex + " of the " + blockSize + "-byte class (" + outstanding + "/" + maxBlocks + ")";
    }
}
