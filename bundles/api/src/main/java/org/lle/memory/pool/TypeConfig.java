package org.lle.memory.pool;

import java.util.List;

/**
 * The pools of one {@link PoolType}. Only the budget limits how much a type holds: each size class grows
 * lazily, slab by slab, as long as its blocks fit in the budgets, and hands slabs back when they stay empty.
 *
 * <p>Read it through its accessors. Components are only ever added at the end, and the constructor of each
 * earlier shape stays, so code that builds one keeps compiling and linking; start from {@link #defaults()} or
 * {@link PoolConfig.Builder}'s per-type setters so that a new setting arrives with its default. A record pattern
 * that names every component (e.g. {@code config instanceof TypeConfig(var s, var b, ...)}) would stop compiling
 * when one is added.
 *
 * @param sizeClasses block sizes in bytes, strictly ascending, each {@code 1..}{@value #MAX_CLASS_BYTES};
 *                    a request goes to the smallest class that holds it (its primary class)
 * @param budgetBytes the most bytes of size classes this type may hold at once ({@code > 0}): open blocks
 *                    plus free blocks cached by threads
 * @param blocksPerPool a soft limit, not a cap ({@code > 0}): the blocks one pool of a class holds before
 *                      {@link PoolSelection} turns to the class's other pools; once every pool of the class
 *                      holds that many, they grow on past it as far as the budgets allow
 * @param poolsPerClass pools per size class ({@code 1..64}); {@link PoolSelection} chooses among them, and
 *                      threads that miss their cache at once contend on fewer locks with more pools
 */
public record TypeConfig(List<Integer> sizeClasses, long budgetBytes, int blocksPerPool, int poolsPerClass) {

    /** The largest size class allowed: 1 GiB. */
    public static final int MAX_CLASS_BYTES = 1 << 30;

    /**
     * Powers of two from 16 B to 16 KiB: an editor's strings, tokens and events are mostly small and of every
     * length, so a request never wastes half or more of its block, and a 64-byte request takes a 64-byte block.
     * A class costs nothing until it is used: its pools carve their first slab on the first request.
     */
    public static final List<Integer> DEFAULT_SIZE_CLASSES =
            List.of(16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384);

    /** 64 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 64L << 20;

    /** The soft limit of one pool: see {@code blocksPerPool}. */
    public static final int DEFAULT_BLOCKS_PER_POOL = 1024;

    /** The {@link #poolsPerClass()} of {@link #defaults()}: two pools per size class. */
    public static final int DEFAULT_POOLS_PER_CLASS = 2;

    /**
     * Creates a type's configuration and checks it. The list of size classes is copied.
     *
     * @param sizeClasses block sizes in bytes, strictly ascending, each {@code 1..}{@value #MAX_CLASS_BYTES}
     * @param budgetBytes the most bytes of size classes this type may hold at once, {@code > 0}
     * @param blocksPerPool the soft limit of one pool, {@code > 0}
     * @param poolsPerClass pools per size class, {@code 1..64}
     * @throws IllegalArgumentException when {@code sizeClasses} is {@code null}, empty, not strictly ascending or
     *         holds a size out of range, or a number is outside its range, naming the value
     * @throws NullPointerException when {@code sizeClasses} holds {@code null}
     */
    public TypeConfig {
        if (sizeClasses == null || sizeClasses.isEmpty()) {
            throw new IllegalArgumentException("sizeClasses must name at least one size, got " + sizeClasses);
        }
        sizeClasses = List.copyOf(sizeClasses);
        int previous = 0;
        for (int size : sizeClasses) {
            if (size < 1 || size > MAX_CLASS_BYTES) {
                throw new IllegalArgumentException(
                        "size class " + size + " is outside 1.." + MAX_CLASS_BYTES + " bytes");
            }
            if (size <= previous) {
                throw new IllegalArgumentException(
                        "size classes must be strictly ascending, got " + sizeClasses);
            }
            previous = size;
        }
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("budgetBytes must be > 0, got " + budgetBytes);
        }
        if (blocksPerPool <= 0) {
            throw new IllegalArgumentException("blocksPerPool must be > 0, got " + blocksPerPool);
        }
        if (poolsPerClass < 1 || poolsPerClass > 64) {
            throw new IllegalArgumentException("poolsPerClass must be in 1..64, got " + poolsPerClass);
        }
    }

    /**
     * The configuration every type gets unless the host sets another: {@link #DEFAULT_SIZE_CLASSES}, a 64 MiB
     * budget, {@value #DEFAULT_BLOCKS_PER_POOL} blocks per pool as the soft limit, {@value #DEFAULT_POOLS_PER_CLASS}
     * pools per class.
     *
     * @return the default configuration of a type
     */
    public static TypeConfig defaults() {
        return new TypeConfig(DEFAULT_SIZE_CLASSES, DEFAULT_BUDGET_BYTES, DEFAULT_BLOCKS_PER_POOL,
                DEFAULT_POOLS_PER_CLASS);
    }

    /**
     * Tells the largest size class, the largest request the type's pools serve.
     *
     * @return the largest size class in bytes
     */
    public int largestClass() {
        return sizeClasses.get(sizeClasses.size() - 1);
    }
}
