package org.lle.memory.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryInfo;

/**
 * What each bean must show, computed from the services' own API (not from the beans' code): the tests compare
 * these maps with every attribute read back from the MBean server, so an attribute added without a check here
 * fails them too.
 */
final class Expected {
    private Expected() {
    }

    static Map<String, Object> pools(MemoryPoolSystem pools) {
        PoolConfig config = pools.config();
        Map<String, Object> values = counters(pools.totalStats(), config.totalBudgetBytes());
        values.put("State", pools.state().name());
        values.put("EmergencyReserveBytes", config.emergencyReserveBytes());
        values.put("DefaultStrategy", config.defaultStrategy().name());
        return values;
    }

    static Map<String, Object> poolType(MemoryPoolSystem pools, PoolType type) {
        Map<String, Object> values = counters(pools.stats(type), pools.config().type(type).budgetBytes());
        values.put("Type", type.name());
        values.put("SizeClasses", pools.config().type(type).sizeClasses());
        return values;
    }

    static Map<String, Object> provider(SecureMemory provider) {
        SecureMemoryInfo info = provider.info();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Provider", info.provider());
        values.put("Degraded", info.degraded());
        values.put("DegradationReason", info.degradationReason());
        values.put("Capabilities", capabilities(info));
        values.put("LockedBytes", info.lockedBytes());
        values.put("IdleLockedBytes", info.idleLockedBytes());
        values.put("LockLimitBytes", info.lockLimitBytes());
        values.put("MaxAllocationSize", provider.maxAllocationSize());
        return values;
    }

    static Map<String, Object> broker(SecureMemoryBroker broker) {
        SecureMemoryInfo info = broker.info();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Available", broker.isAvailable());
        values.put("Provider", info.provider());
        values.put("Degraded", info.degraded());
        values.put("DegradationReason", info.degradationReason());
        values.put("LiveBuffers", broker.liveBuffers());
        values.put("SwapCount", broker.swapCount());
        values.put("MovedBuffers", broker.movedBuffers());
        values.put("MovesIntoDegraded", broker.movesIntoDegraded());
        values.put("MovesOutOfDegraded", broker.movesOutOfDegraded());
        values.put("LostBuffers", broker.lostBuffers());
        return values;
    }

    private static List<String> capabilities(SecureMemoryInfo info) {
        return info.capabilities().stream().sorted().map(Enum::name).collect(Collectors.toList());
    }

    private static Map<String, Object> counters(PoolStats s, long budget) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Allocations", s.allocations());
        values.put("Frees", s.frees());
        values.put("LiveBlocks", s.liveBlocks());
        values.put("LiveBytes", s.liveBytes());
        values.put("PeakBytes", s.peakBytes());
        values.put("ReservedBytes", s.reservedBytes());
        values.put("CacheHits", s.cacheHits());
        values.put("CacheMisses", s.cacheMisses());
        long lookups = s.cacheHits() + s.cacheMisses();
        values.put("HitRate", lookups == 0 ? 0.0 : s.cacheHits() / (double) lookups);
        values.put("SecondaryFallbacks", s.secondaryFallbacks());
        values.put("EmergencyAllocations", s.emergencyAllocations());
        values.put("HeapFallbacks", s.heapFallbacks());
        values.put("Fallbacks", s.fallbacks());
        values.put("Failures", s.failures());
        values.put("BudgetBytes", budget);
        return values;
    }
}
