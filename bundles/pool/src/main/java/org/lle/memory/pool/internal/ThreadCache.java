package org.lle.memory.pool.internal;

/**
 * Everything one thread keeps for one pool system: free slots per type and class (already counted against
 * the budgets, so a hit touches nothing shared) and its statistics. Only the owning thread touches the
 * stacks while it lives; after it ends the stats registry drains them. A stack is made on the first use of
 * its class, so a thread that touches one class of one type costs one small stack, not one per class.
 */
final class ThreadCache extends ThreadCachePadAfter {
    final Thread owner;
    final ThreadCounters counters = new ThreadCounters();
    private Generation generation;
    private final SlotStack[][] stacks = new SlotStack[Generation.TYPES.length][];
    private int perClass;

    ThreadCache(Thread owner) {
        this.owner = owner;
    }

    Generation generation() {
        return generation;
    }

    /** @return a free slot of the class cached by this thread, or {@code null} */
    Slot pop(int typeIndex, int classIndex) {
        SlotStack[] forType = stacks[typeIndex];
        if (forType == null) {
            return null;
        }
        SlotStack stack = forType[classIndex];
        return stack == null ? null : stack.pop();
    }

    /** @return the stack of one class of the bound generation, made on first use; {@code null} when caching is off */
    SlotStack stack(int typeIndex, int classIndex) {
        if (perClass == 0) {
            return null;
        }
        SlotStack[] forType = stacks[typeIndex];
        if (forType == null) {
            forType = new SlotStack[generation.types[typeIndex].classes.length];
            stacks[typeIndex] = forType;
        }
        SlotStack stack = forType[classIndex];
        if (stack == null) {
            stack = new SlotStack(perClass, generation.types[typeIndex].classes[classIndex].batchLimit(perClass));
            forType[classIndex] = stack;
        }
        return stack;
    }

    /** Follows a reconfiguration: hands every cached slot back through {@code release} and starts empty. */
    void rebind(Generation next, SlotStack.BatchReleaser release) {
        drain(release);
        java.util.Arrays.fill(stacks, null);
        perClass = next.config.threadCacheSize();
        generation = next;
    }

    /** Hands every cached slot to {@code release}; the stacks stay usable (empty). */
    void drain(SlotStack.BatchReleaser release) {
        for (SlotStack[] forType : stacks) {
            if (forType == null) {
                continue;
            }
            for (SlotStack stack : forType) {
                if (stack != null && stack.size() > 0) {
                    stack.removeBottom(stack.size(), release);
                }
            }
        }
    }
}
