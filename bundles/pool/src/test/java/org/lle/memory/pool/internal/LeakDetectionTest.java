package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolType;

class LeakDetectionTest {
    private final TestConfigs.RecordingLeakListener listener = new TestConfigs.RecordingLeakListener();

    private DefaultMemoryPoolSystem system(LeakDetection level) {
        return new DefaultMemoryPoolSystem(PoolConfig.builder().leakDetection(level).build(), listener);
    }

    @Test
    void paranoidReportsEveryBlockOpenAtCloseWithItsAllocationSite() {
        DefaultMemoryPoolSystem p = system(LeakDetection.PARANOID);
        PoolBlock leaked = leakOneHere(p);
        p.allocate(PoolType.EVENT, 10).close(); // closed blocks are never reported
        p.close();
        assertThat(listener.reports).hasSize(1);
        LeakReport r = listener.reports.get(0);
        assertThat(r.type()).isEqualTo(PoolType.HISTORY);
        assertThat(r.size()).isEqualTo(77);
        assertThat(r.atClose()).isTrue();
        assertThat(r.allocationSite()).isNotNull();
        assertThat(r.allocationSite().getStackTrace())
                .anyMatch(e -> e.getMethodName().equals("leakOneHere"));
        assertThat(listener.liveAtClose).containsExactly(1L);
        assertThat(listener.perTypeAtClose).containsExactly("HISTORY=1");
        assertThat(leaked.isClosed()).isTrue();
    }

    private static PoolBlock leakOneHere(DefaultMemoryPoolSystem p) {
        return p.allocate(PoolType.HISTORY, 77);
    }

    /**
     * Records are found by the identity hash of their block: among this many blocks some share a hash (about
     * n^2 / 2^33 pairs expected, about one here), and closing each block must end exactly its own record.
     */
    @Test
    void theTrackerForgetsExactlyTheClosedBlocksAmongMany() {
        int n = 100_000;
        DefaultMemoryPoolSystem p = system(LeakDetection.DISABLED);
        java.util.concurrent.atomic.AtomicInteger reportedAtClose = new java.util.concurrent.atomic.AtomicInteger();
        LeakTracker tracker = new LeakTracker(new LeakListener() { // counts: the recording list copies on each add
            @Override
            public void leaked(LeakReport report) {
                if (report.atClose()) {
                    reportedAtClose.incrementAndGet();
                }
            }

            @Override
            public void closedWithLiveBlocks(long liveBlocks, String perType) {
            }
        });
        List<PoolBlock> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PoolBlock b = p.allocate(PoolType.TEMP, 8);
            blocks.add(b);
            tracker.track((PooledBlock) b, false);
        }
        assertThat(tracker.openCount()).isEqualTo(n);
        for (int i = 0; i < n; i += 2) {
            tracker.closed((PooledBlock) blocks.get(i));
        }
        assertThat(tracker.openCount()).isEqualTo(n / 2);
        tracker.reportOpenAtClose();
        assertThat(reportedAtClose).hasValue(n / 2);
        assertThat(tracker.openCount()).isZero();
        blocks.forEach(PoolBlock::close);
        p.close();
    }

    @Test
    void disabledOnlyCountsAtClose() {
        DefaultMemoryPoolSystem p = system(LeakDetection.DISABLED);
        p.allocate(PoolType.BUFFER, 10);
        p.allocate(PoolType.STRING, 10);
        assertThat(p.trackedLeaks()).isZero();
        p.close();
        assertThat(listener.reports).isEmpty();
        assertThat(listener.liveAtClose).containsExactly(2L);
        assertThat(listener.perTypeAtClose).containsExactly("BUFFER=1, STRING=1");
    }

    @Test
    void simpleSamplesAboutOneBlockIn128WithoutSites() {
        DefaultMemoryPoolSystem p = system(LeakDetection.SIMPLE);
        List<PoolBlock> open = new ArrayList<>();
        for (int i = 0; i < 4 * LeakTracker.SAMPLING_INTERVAL; i++) {
            open.add(p.allocate(PoolType.TEMP, 8));
        }
        assertThat(p.trackedLeaks()).isEqualTo(4);
        p.close();
        assertThat(listener.reports).hasSize(4).allMatch(r -> r.allocationSite() == null && r.atClose());
        assertThat(listener.liveAtClose).containsExactly(4L * LeakTracker.SAMPLING_INTERVAL);
        assertThat(open).allMatch(PoolBlock::isClosed);
    }

    @Test
    void advancedSamplesWithSites() {
        DefaultMemoryPoolSystem p = system(LeakDetection.ADVANCED);
        for (int i = 0; i < LeakTracker.SAMPLING_INTERVAL; i++) {
            p.allocate(PoolType.TEMP, 8);
        }
        p.close();
        assertThat(listener.reports).hasSize(1).allMatch(r -> r.allocationSite() != null);
    }

    @Test
    void aBlockCollectedWithoutCloseIsReportedWithItsSite() throws InterruptedException {
        DefaultMemoryPoolSystem p = system(LeakDetection.PARANOID);
        allocateAndDrop(p);
        for (int i = 0; i < 1000 && listener.reports.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
            p.pollLeaks();
        }
        assertThat(listener.reports).hasSize(1);
        LeakReport r = listener.reports.get(0);
        assertThat(r.atClose()).isFalse();
        assertThat(r.size()).isEqualTo(33);
        assertThat(r.allocationSite().getStackTrace()).anyMatch(e -> e.getMethodName().equals("allocateAndDrop"));
        assertThat(r.describe()).contains("garbage-collected without close()");
        p.close();
        assertThat(listener.reports).hasSize(1); // not reported twice
    }

    private static void allocateAndDrop(DefaultMemoryPoolSystem p) {
        p.allocate(PoolType.COMPLETION, 33).put(0, (byte) 1);
    }

    @Test
    void aThrowingLeakListenerDoesNotBreakClose() {
        DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(
                PoolConfig.builder().leakDetection(LeakDetection.PARANOID).build(), new LeakListener() {
                    @Override
                    public void leaked(LeakReport report) {
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void closedWithLiveBlocks(long liveBlocks, String perType) {
                        throw new IllegalStateException("listener bug");
                    }
                });
        p.allocate(PoolType.BUFFER, 1);
        p.close();
        assertThat(p.state()).isEqualTo(org.lle.memory.pool.MemoryState.SHUTDOWN);
    }

    @Test
    void theDefaultListenerWritesToTheSystemLogger() {
        // the logging path must not throw, with or without an allocation site
        LoggingLeakListener logging = new LoggingLeakListener();
        logging.leaked(new LeakReport(PoolType.EVENT, 5, null, true));
        logging.leaked(new LeakReport(PoolType.EVENT, 5, new Throwable("site"), false));
        logging.closedWithLiveBlocks(2, "EVENT=2");
        assertThat(new LeakReport(PoolType.EVENT, 5, null, true).describe())
                .contains("EVENT").contains("5 bytes").contains("ADVANCED or PARANOID");
    }
}
