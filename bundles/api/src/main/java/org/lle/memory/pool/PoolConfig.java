package org.lle.memory.pool;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link MemoryPoolSystem} needs. Immutable; build one with {@link #builder()} or take
 * {@link #defaults()}.
 *
 * <p>Read it through its accessors. Components are only ever added at the end, and the constructor of each
 * earlier shape stays, so code that builds a configuration keeps compiling and linking; build one with
 * {@link #builder()} or {@link #toBuilder()} so that a new setting arrives with its default. A record pattern that
 * names every component (e.g. {@code config instanceof PoolConfig(var t, var b, ...)}) would stop compiling when
 * one is added.
 *
 * @param types the configuration of every {@link PoolType} (all eight present)
 * @param totalBudgetBytes the most bytes of size classes all types together may hold ({@code > 0})
 * @param emergencyReserveBytes bytes set aside for {@link AllocationStrategy#EMERGENCY_ONLY} and for
 *                              {@link AllocationStrategy#AUTOMATIC} once a type's budget is spent ({@code >= 0});
 *                              not counted against the budgets
 * @param defaultStrategy the strategy of {@link MemoryPoolSystem#allocate(PoolType, int)}
 * @param selection how a pool is chosen among those of a type
 * @param leakDetection how blocks never closed are found
 * @param threadCacheSize free blocks each platform thread keeps per size class ({@code 0..4096}; 0 turns
 *                        caching off), and never more than 64 KiB of them (4 blocks of 16 KiB); virtual
 *                        threads keep none. Cached blocks count against the budgets, and those of a thread
 *                        that ended go back to the pools soon after
 */
public record PoolConfig(
        Map<PoolType, TypeConfig> types,
        long totalBudgetBytes,
        long emergencyReserveBytes,
        AllocationStrategy defaultStrategy,
        PoolSelection selection,
        LeakDetection leakDetection,
        int threadCacheSize) {

    /** 256 MiB. */
    public static final long DEFAULT_TOTAL_BUDGET_BYTES = 256L << 20;
    /** 1 MiB. */
    public static final long DEFAULT_EMERGENCY_RESERVE_BYTES = 1L << 20;
    /**
     * The {@link #threadCacheSize()} of {@link #defaults()}: 256 blocks per size class and thread (within 64 KiB
     * per class), as many as Netty's pooled allocator caches of its small sizes. A thread allocating thousands
     * of blocks then moves them to and from the shared pools in batches of 128.
     */
    public static final int DEFAULT_THREAD_CACHE_SIZE = 256;
    /** The largest {@link #threadCacheSize()} accepted: 4096 blocks per size class and thread. */
    public static final int MAX_THREAD_CACHE_SIZE = 4096;

    /**
     * Creates a configuration and checks it. The map of types is copied.
     *
     * @param types the configuration of every {@link PoolType}; a {@link TypeConfig} for each of the eight
     * @param totalBudgetBytes the most bytes of size classes all types together may hold, {@code > 0}
     * @param emergencyReserveBytes bytes set aside for emergencies, {@code >= 0}
     * @param defaultStrategy the strategy of {@link MemoryPoolSystem#allocate(PoolType, int)}
     * @param selection how a pool is chosen among those of a type
     * @param leakDetection how blocks never closed are found
     * @param threadCacheSize free blocks each platform thread keeps per size class,
     *                        {@code 0..}{@value #MAX_THREAD_CACHE_SIZE}
     * @throws NullPointerException when {@code types}, {@code defaultStrategy}, {@code selection} or
     *         {@code leakDetection} is {@code null}
     * @throws IllegalArgumentException when a type has no configuration or a number is outside its range, naming
     *         the type or the value
     */
    public PoolConfig {
        Objects.requireNonNull(types, "types");
        EnumMap<PoolType, TypeConfig> copy = new EnumMap<>(PoolType.class);
        for (PoolType type : PoolType.values()) {
            TypeConfig tc = types.get(type);
            if (tc == null) {
                throw new IllegalArgumentException("no TypeConfig for pool type " + type);
            }
            copy.put(type, tc);
        }
        types = Collections.unmodifiableMap(copy);
        if (totalBudgetBytes <= 0) {
            throw new IllegalArgumentException("totalBudgetBytes must be > 0, got " + totalBudgetBytes);
        }
        if (emergencyReserveBytes < 0) {
            throw new IllegalArgumentException("emergencyReserveBytes must be >= 0, got " + emergencyReserveBytes);
        }
        Objects.requireNonNull(defaultStrategy, "defaultStrategy");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(leakDetection, "leakDetection");
        if (threadCacheSize < 0 || threadCacheSize > MAX_THREAD_CACHE_SIZE) {
            throw new IllegalArgumentException(
                    "threadCacheSize must be in 0.." + MAX_THREAD_CACHE_SIZE + ", got " + threadCacheSize);
        }
    }

    /**
     * The configuration a pool system gets when the host gives none: {@link TypeConfig#defaults()} for every type
     * (size classes in powers of two from 16 B to 16 KiB, 64 MiB each), 256 MiB in all, a 1 MiB emergency reserve,
     * {@link AllocationStrategy#AUTOMATIC}, {@link PoolSelection#BEST_FIT}, {@link LeakDetection#SIMPLE} and
     * {@value #DEFAULT_THREAD_CACHE_SIZE} cached blocks per size class and thread.
     *
     * @return the default configuration
     */
    public static PoolConfig defaults() {
        return builder().build();
    }

    /**
     * Looks up the configuration of one type, as {@code types().get(type)}.
     *
     * @param type the pool type
     * @return its configuration, never {@code null}
     * @throws NullPointerException when {@code type} is {@code null}
     */
    public TypeConfig type(PoolType type) {
        return types.get(Objects.requireNonNull(type, "type"));
    }

    /**
     * Starts a configuration from the defaults.
     *
     * @return a builder holding {@link #defaults()}'s values
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a configuration from this one, to change a few settings.
     *
     * @return a builder holding this configuration's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.types.putAll(types);
        b.totalBudgetBytes = totalBudgetBytes;
        b.emergencyReserveBytes = emergencyReserveBytes;
        b.defaultStrategy = defaultStrategy;
        b.selection = selection;
        b.leakDetection = leakDetection;
        b.threadCacheSize = threadCacheSize;
        return b;
    }

    /**
     * Builds a {@link PoolConfig}; starts from the defaults. A setter of one type's settings checks them at once
     * (it builds that type's {@link TypeConfig}); the settings of the whole system are checked in {@link #build()}.
     * Not thread safe.
     */
    public static final class Builder {
        private final EnumMap<PoolType, TypeConfig> types = new EnumMap<>(PoolType.class);
        private long totalBudgetBytes = DEFAULT_TOTAL_BUDGET_BYTES;
        private long emergencyReserveBytes = DEFAULT_EMERGENCY_RESERVE_BYTES;
        private AllocationStrategy defaultStrategy = AllocationStrategy.AUTOMATIC;
        private PoolSelection selection = PoolSelection.BEST_FIT;
        private LeakDetection leakDetection = LeakDetection.SIMPLE;
        private int threadCacheSize = DEFAULT_THREAD_CACHE_SIZE;

        private Builder() {
            for (PoolType type : PoolType.values()) {
                types.put(type, TypeConfig.defaults());
            }
        }

        /**
         * Replaces the whole configuration of one type.
         *
         * @param type the pool type
         * @param config its new configuration
         * @return this builder
         * @throws NullPointerException when {@code type} or {@code config} is {@code null}
         */
        public Builder type(PoolType type, TypeConfig config) {
            types.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Sets the size classes of one type, keeping its other settings.
         *
         * @param type the pool type
         * @param sizes block sizes in bytes, strictly ascending, each {@code 1..}{@value TypeConfig#MAX_CLASS_BYTES}
         * @return this builder
         * @throws NullPointerException when {@code type} or {@code sizes} is {@code null}
         * @throws IllegalArgumentException when {@code sizes} is empty, not strictly ascending or holds a size out
         *         of range, naming it
         */
        public Builder sizeClasses(PoolType type, int... sizes) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            java.util.List<Integer> list = new java.util.ArrayList<>(sizes.length);
            for (int s : sizes) {
                list.add(s);
            }
            return type(type, new TypeConfig(list, old.budgetBytes(), old.blocksPerPool(), old.poolsPerClass()));
        }

        /**
         * Sets the budget of one type, keeping its other settings.
         *
         * @param type the pool type
         * @param budgetBytes the most bytes of size classes the type may hold at once, {@code > 0}
         * @return this builder
         * @throws NullPointerException when {@code type} is {@code null}
         * @throws IllegalArgumentException when {@code budgetBytes} is not positive, naming it
         */
        public Builder typeBudget(PoolType type, long budgetBytes) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            return type(type, new TypeConfig(old.sizeClasses(), budgetBytes, old.blocksPerPool(), old.poolsPerClass()));
        }

        /**
         * Sets the soft limit of one pool of one type (see {@link TypeConfig#blocksPerPool()}), keeping its other
         * settings.
         *
         * @param type the pool type
         * @param blocks the blocks one pool holds before the selection turns to the class's other pools, {@code > 0}
         * @return this builder
         * @throws NullPointerException when {@code type} is {@code null}
         * @throws IllegalArgumentException when {@code blocks} is not positive, naming it
         */
        public Builder blocksPerPool(PoolType type, int blocks) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            return type(type, new TypeConfig(old.sizeClasses(), old.budgetBytes(), blocks, old.poolsPerClass()));
        }

        /**
         * Sets how many pools each size class of one type has, keeping its other settings.
         *
         * @param type the pool type
         * @param pools pools per size class, {@code 1..64}
         * @return this builder
         * @throws NullPointerException when {@code type} is {@code null}
         * @throws IllegalArgumentException when {@code pools} is outside {@code 1..64}, naming it
         */
        public Builder poolsPerClass(PoolType type, int pools) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            return type(type, new TypeConfig(old.sizeClasses(), old.budgetBytes(), old.blocksPerPool(), pools));
        }

        /**
         * Sets the most bytes of size classes all types together may hold; checked in {@link #build()}.
         *
         * @param bytes the total budget in bytes, {@code > 0}
         * @return this builder
         */
        public Builder totalBudget(long bytes) {
            this.totalBudgetBytes = bytes;
            return this;
        }

        /**
         * Sets the bytes kept aside for {@link AllocationStrategy#EMERGENCY_ONLY} and for
         * {@link AllocationStrategy#AUTOMATIC} once a type's budget is spent; checked in {@link #build()}.
         *
         * @param bytes the reserve in bytes, {@code >= 0}
         * @return this builder
         */
        public Builder emergencyReserve(long bytes) {
            this.emergencyReserveBytes = bytes;
            return this;
        }

        /**
         * Sets the strategy of {@link MemoryPoolSystem#allocate(PoolType, int)}; checked in {@link #build()}.
         *
         * @param strategy the strategy, not {@code null}
         * @return this builder
         */
        public Builder defaultStrategy(AllocationStrategy strategy) {
            this.defaultStrategy = strategy;
            return this;
        }

        /**
         * Sets how a pool is chosen among those of a size class; checked in {@link #build()}.
         *
         * @param selection the selection, not {@code null}
         * @return this builder
         */
        public Builder selection(PoolSelection selection) {
            this.selection = selection;
            return this;
        }

        /**
         * Sets how blocks never closed are found; checked in {@link #build()}.
         *
         * @param level the level, not {@code null}
         * @return this builder
         */
        public Builder leakDetection(LeakDetection level) {
            this.leakDetection = level;
            return this;
        }

        /**
         * Sets how many free blocks each platform thread keeps per size class (never more than 64 KiB of them);
         * checked in {@link #build()}.
         *
         * @param blocksPerClass {@code 0..}{@value PoolConfig#MAX_THREAD_CACHE_SIZE}; 0 turns caching off
         * @return this builder
         */
        public Builder threadCacheSize(int blocksPerClass) {
            this.threadCacheSize = blocksPerClass;
            return this;
        }

        /**
         * Checks the settings and makes the configuration. The builder stays usable.
         *
         * @return the configuration
         * @throws NullPointerException when the strategy, the selection or the leak detection was set to
         *         {@code null}
         * @throws IllegalArgumentException when the total budget, the emergency reserve or the thread cache size is
         *         outside its range, naming the value
         */
        public PoolConfig build() {
            return new PoolConfig(types, totalBudgetBytes, emergencyReserveBytes, defaultStrategy, selection,
                    leakDetection, threadCacheSize);
        }
    }
}
