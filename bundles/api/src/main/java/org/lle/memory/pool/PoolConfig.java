package org.lle.memory.pool;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link MemoryPoolSystem} needs. Immutable; build one with {@link #builder()} or take
 * {@link #defaults()}.
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
 *                        caching off); virtual threads keep none. Cached blocks count against the budgets,
 *                        and those of a thread that ended go back to the pools soon after

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
    public static final int DEFAULT_THREAD_CACHE_SIZE = 64;
    public static final int MAX_THREAD_CACHE_SIZE = 4096;

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

    /** @return the defaults: 16 B to 16 KiB classes in powers of two, 64 MiB a type, 256 MiB in all, AUTOMATIC, BEST_FIT */
    public static PoolConfig defaults() {
        return builder().build();
    }

    /** @return the configuration of one type */
    public TypeConfig type(PoolType type) {
        return types.get(Objects.requireNonNull(type, "type"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
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

    /** Builds a {@link PoolConfig}; starts from the defaults, validates in {@link #build()}. */
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

        public Builder type(PoolType type, TypeConfig config) {
            types.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(config, "config"));
            return this;
        }

        public Builder sizeClasses(PoolType type, int... sizes) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            java.util.List<Integer> list = new java.util.ArrayList<>(sizes.length);
            for (int s : sizes) {
                list.add(s);
            }
            return type(type, new TypeConfig(list, old.budgetBytes(), old.blocksPerPool(), old.poolsPerClass()));
        }

        public Builder typeBudget(PoolType type, long budgetBytes) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            return type(type, new TypeConfig(old.sizeClasses(), budgetBytes, old.blocksPerPool(), old.poolsPerClass()));
        }

        public Builder blocksPerPool(PoolType type, int blocks) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            return type(type, new TypeConfig(old.sizeClasses(), old.budgetBytes(), blocks, old.poolsPerClass()));
        }

        public Builder poolsPerClass(PoolType type, int pools) {
            TypeConfig old = types.get(Objects.requireNonNull(type, "type"));
            return type(type, new TypeConfig(old.sizeClasses(), old.budgetBytes(), old.blocksPerPool(), pools));
        }

        public Builder totalBudget(long bytes) {
            this.totalBudgetBytes = bytes;
            return this;
        }

        public Builder emergencyReserve(long bytes) {
            this.emergencyReserveBytes = bytes;
            return this;
        }

        public Builder defaultStrategy(AllocationStrategy strategy) {
            this.defaultStrategy = strategy;
            return this;
        }

        public Builder selection(PoolSelection selection) {
            this.selection = selection;
            return this;
        }

        public Builder leakDetection(LeakDetection level) {
            this.leakDetection = level;
            return this;
        }

        public Builder threadCacheSize(int blocksPerClass) {
            this.threadCacheSize = blocksPerClass;
            return this;
        }

        public PoolConfig build() {
            return new PoolConfig(types, totalBudgetBytes, emergencyReserveBytes, defaultStrategy, selection,
                    leakDetection, threadCacheSize);
        }
    }
}
