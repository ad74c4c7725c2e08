package org.lle.memory.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.management.ObjectName;
import org.lle.memory.monitoring.LleMBeans;
import org.lle.memory.monitoring.PoolTypeMXBean;
import org.lle.memory.monitoring.PoolsMXBean;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/** The MXBeans of one pool system: the whole and one per {@link PoolType}, each reading the system live. */
public final class PoolBeans {
    private PoolBeans() {
    }

    /** @return {@code type=Pools} and every {@code type=Pools,name=<TYPE>}, in that order */
    public static Map<ObjectName, Object> of(MemoryPoolSystem pools) {
        Objects.requireNonNull(pools, "pools");
        Map<ObjectName, Object> beans = new LinkedHashMap<>();
        beans.put(LleMBeans.POOLS, new Total(pools));
        for (PoolType type : PoolType.values()) {
            beans.put(LleMBeans.poolType(type), new OfType(pools, type));
        }
        return beans;
    }

    static final class Total extends PoolCountersBean implements PoolsMXBean {
        private final MemoryPoolSystem pools;

        Total(MemoryPoolSystem pools) {
            this.pools = pools;
        }

        @Override
        PoolStats stats() {
            return pools.totalStats();
        }

        @Override
        public String getState() {
            return pools.state().name();
        }

        @Override
        public long getBudgetBytes() {
            return pools.config().totalBudgetBytes();
        }

        @Override
        public long getEmergencyReserveBytes() {
            return pools.config().emergencyReserveBytes();
        }

        @Override
        public String getDefaultStrategy() {
            return pools.config().defaultStrategy().name();
        }
    }

    static final class OfType extends PoolCountersBean implements PoolTypeMXBean {
        private final MemoryPoolSystem pools;
        private final PoolType type;

        OfType(MemoryPoolSystem pools, PoolType type) {
            this.pools = pools;
            this.type = type;
        }

        @Override
        PoolStats stats() {
            return pools.stats(type);
        }

        @Override
        public String getType() {
            return type.name();
        }

        @Override
        public long getBudgetBytes() {
            return pools.config().type(type).budgetBytes();
        }

        @Override
        public int[] getSizeClasses() {
            return pools.config().type(type).sizeClasses().stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
