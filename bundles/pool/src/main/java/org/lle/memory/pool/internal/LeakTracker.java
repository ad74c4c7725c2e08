package org.lle.memory.pool.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolType;

/**
 * Netty-style leak detection: chosen blocks get a phantom reference; one that the GC finds unreachable
 * while still open is a leak. The queue is polled when a tracked block is allocated, on {@link #poll()} and
 * at system close, so no extra thread is needed. SIMPLE and ADVANCED track about one block in
 * {@value #SAMPLING_INTERVAL}; PARANOID tracks all; ADVANCED and PARANOID record the allocation site.
 */
final class LeakTracker {
    static final int SAMPLING_INTERVAL = 128;

    private final ReferenceQueue<PooledBlock> collected = new ReferenceQueue<>();
    private final Set<Record> open = ConcurrentHashMap.newKeySet();
    private final LeakListener listener;

    LeakTracker(LeakListener listener) {
        this.listener = listener;
    }

    /** @return whether the {@code n}-th allocation of a thread is tracked at {@code level} */
    static boolean sampled(LeakDetection level, int n) {
        switch (level) {
            case PARANOID:
                return true;
            case SIMPLE:
            case ADVANCED:
                return (n & (SAMPLING_INTERVAL - 1)) == 0;
            default:
                return false;
        }
    }

    Record track(PooledBlock block, PoolType type, int size, boolean recordSite) {
        poll();
        Record record = new Record(block, collected, type, size,
                recordSite ? new Throwable("allocation site of a " + type + " block of " + size + " bytes") : null);
        open.add(record);
        return record;
    }

    /** The block was closed: no report. */
    void closed(Record record) {
        open.remove(record);
        record.clear();
    }

    /** Reports every tracked block the GC found unreachable while open. */
    void poll() {
        for (Reference<? extends PooledBlock> ref = collected.poll(); ref != null; ref = collected.poll()) {
            Record record = (Record) ref;
            if (open.remove(record)) {
                report(new LeakReport(record.type, record.size, record.site, false));
            }
        }
    }

    /** At system close: reports each tracked block still open and forgets them all. */
    void reportOpenAtClose() {
        poll();
        List<Record> remaining = new ArrayList<>(open);
        open.clear();
        for (Record record : remaining) {
            record.clear();
            report(new LeakReport(record.type, record.size, record.site, true));
        }
    }

    int openCount() {
        return open.size();
    }

    private void report(LeakReport report) {
        try {
            listener.leaked(report);
        } catch (RuntimeException listenerFailed) {
            System.getLogger(LoggingLeakListener.LOGGER_NAME).log(System.Logger.Level.ERROR,
                    "leak listener failed on: " + report.describe(), listenerFailed);
        }
    }

    /** Identity-based: records are kept in a set until closed or reported. */
    static final class Record extends PhantomReference<PooledBlock> {
        final PoolType type;
        final int size;
        final Throwable site;

        Record(PooledBlock block, ReferenceQueue<PooledBlock> queue, PoolType type, int size, Throwable site) {
            super(block, queue);
            this.type = type;
            this.size = size;
            this.site = site;
        }
    }
}
