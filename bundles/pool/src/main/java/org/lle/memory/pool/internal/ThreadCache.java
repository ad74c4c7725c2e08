package org.lle.memory.pool.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Everything one thread keeps for one pool system: free slots per type and class (already counted against
 * the budgets, so a hit touches nothing shared) and its statistics. Only the owning thread touches the
 * stacks while it lives; after it ends the stats registry drains them. A stack is made on the first use of
 * its class, so a thread that touches one class of one type costs one small stack, not one per class.
 *
 * <p>A virtual thread keeps no free slots, only its statistics: virtual threads are many and short-lived, so a
 * cache per thread would rarely be hit again and would strand memory until the thread is found ended; their
 * blocks go straight back to the shared pools.
 */
final class ThreadCache extends ThreadCachePadAfter {
    /** {@code Thread.isVirtual()} on JDK 21 and later; {@code null} before (no virtual threads there). */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    final Thread owner;
    /** The system this cache serves: its blocks reach it through here, so a handle carries one reference less. */
    final DefaultMemoryPoolSystem system;
    /** Where this thread starts among the pools of a class (see {@link PoolSizeClass}). */
    final int home;
    private final boolean virtual;
    final ThreadCounters counters = new ThreadCounters();
    /** Budget this thread reserved ahead of its refills (see {@link BudgetCredit}). */
    final BudgetCredit credit = new BudgetCredit();
    private Generation generation;
    private final SlotStack[][] stacks = new SlotStack[Generation.TYPES.length][];
    private int perClass;

    ThreadCache(DefaultMemoryPoolSystem system, Thread owner, int home) {
        this.system = system;
        this.owner = owner;
        this.home = home;
        this.virtual = isVirtual(owner);
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJdk21) {
            return null;
        }
    }

    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("Thread.isVirtual() failed", unexpected);
        }
    }

    Generation generation() {
        return generation;
    }

    /**
     * @return the slab of a free slot of the class cached by this thread, its offset in {@link #takenOffset}; or
     *         {@code null}
     */
    Slab pop(int typeIndex, int classIndex) {
        SlotStack stack = existingStack(typeIndex, classIndex);
        return stack == null ? null : pop(stack);
    }

    /** @return the slab of the slot on top of {@code stack}, its offset in {@link #takenOffset}; or {@code null} */
    Slab pop(SlotStack stack) {
        int at = stack.pop();
        if (at < 0) {
            return null;
        }
        takenOffset = stack.offsets[at];
        return stack.slabs[at];
    }

    /** @return the stack of one class of the bound generation if one was made */
    SlotStack existingStack(int typeIndex, int classIndex) {
        SlotStack[] forType = stacks[typeIndex];
        return forType == null ? null : forType[classIndex];
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
            PoolSizeClass sizeClass = generation.types[typeIndex].classes[classIndex];
            int capacity = sizeClass.cacheCapacity(perClass);
            stack = new SlotStack(capacity, sizeClass.batchLimit(capacity));
            forType[classIndex] = stack;
        }
        return stack;
    }

    /** Follows a reconfiguration: hands every cached slot back through {@code release} and starts empty. */
    void rebind(Generation next, SlotStack.BatchReleaser release) {
        drain(release);
        java.util.Arrays.fill(stacks, null);
        perClass = virtual ? 0 : next.config.threadCacheSize();
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
