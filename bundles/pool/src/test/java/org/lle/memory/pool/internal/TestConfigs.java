package org.lle.memory.pool.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;

/** Small configurations that make exhaustion, budgets and selection easy to reach. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** Every type: classes 64/256/1024, {@code blocks} per pool, {@code pools} pools per class, no thread cache. */
    static PoolConfig.Builder small(int blocks, int pools) {
        PoolConfig.Builder b = PoolConfig.builder()
                .threadCacheSize(0)
                .leakDetection(LeakDetection.DISABLED)
                .emergencyReserve(0)
                .defaultStrategy(AllocationStrategy.PRIMARY_ONLY)
                .selection(PoolSelection.FIRST_FIT);
        for (PoolType type : PoolType.values()) {
            b.type(type, new TypeConfig(List.of(64, 256, 1024), 1L << 30, blocks, pools));
        }
        return b;
    }

    /** Collects leak reports instead of logging them. */
    static final class RecordingLeakListener implements LeakListener {
        final List<LeakReport> reports = new CopyOnWriteArrayList<>();
        final List<Long> liveAtClose = new CopyOnWriteArrayList<>();
        final List<String> perTypeAtClose = new CopyOnWriteArrayList<>();

        @Override
        public void leaked(LeakReport report) {
            reports.add(report);
        }

        @Override
        public void closedWithLiveBlocks(long liveBlocks, String perType) {
            liveAtClose.add(liveBlocks);
            perTypeAtClose.add(perType);
        }
    }
}
