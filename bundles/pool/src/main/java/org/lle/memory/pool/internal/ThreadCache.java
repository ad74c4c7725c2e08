package org.lle.memory.pool.internal;

/**
 * Everything one thread keeps for one pool system: free slots per type and class (already counted against
 * the budgets, so a hit touches nothing shared) and its statistics. Only the owning thread touches the
 * stacks while it lives; after it ends the stats registry drains them.
 */
final class ThreadCache extends ThreadCachePadAfter {
    final Thread owner;
    final ThreadCounters counters = new ThreadCounters();
    private Generation generation;
    private SlotStack[][] stacks;

    ThreadCache(Thread owner) {
        this.owner = owner;
    }

    Generation generation() {
        return generation;
    }

    /** @return the stack of one class, or {@code null} when caching is off */
    SlotStack stack(int typeIndex, int classIndex) {
        SlotStack[] forType = stacks[typeIndex];
        return forType == null ? null : forType[classIndex];
    }

    /**
     * Follows a reconfiguration: hands every cached slot back through {@code release} and builds empty
     * stacks for the new generation.
     */
    void rebind(Generation next, SlotReleaser release) {
        drain(release);
        int perClass = next.config.threadCacheSize();
        SlotStack[][] fresh = new SlotStack[Generation.TYPES.length][];
        if (perClass > 0) {
            for (int t = 0; t < fresh.length; t++) {
                SizeClass[] classes = next.types[t].classes;
                fresh[t] = new SlotStack[classes.length];
                for (int c = 0; c < classes.length; c++) {
                    fresh[t][c] = new SlotStack(perClass);
                }
            }
        }
        stacks = fresh;
        generation = next;
    }

    /** Hands every cached slot to {@code release}; the stacks stay usable (empty). */
    void drain(SlotReleaser release) {
        if (stacks == null) {
            return;
        }
        for (SlotStack[] forType : stacks) {
            if (forType == null) {
                continue;
            }
            for (SlotStack stack : forType) {
                stack.drain(release);
            }
        }
    }

    /** Where slots leaving a cache go: back to their pool, with their budget released. */
    @FunctionalInterface
    interface SlotReleaser {
        void release(Slot slot);
    }
}
