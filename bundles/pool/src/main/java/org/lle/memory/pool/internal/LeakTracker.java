package org.lle.memory.pool.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolType;

/**
 * Netty-style leak detection: chosen blocks get a phantom reference; one that the GC finds unreachable
 * while still open is a leak. The queue is polled when a tracked block is allocated, on {@link #poll()} and
 * at system close, so no extra thread is needed. SIMPLE and ADVANCED track about one block in
 * {@value #SAMPLING_INTERVAL}; PARANOID tracks all; ADVANCED and PARANOID record the allocation site.
 *
 * <p>A block does not reference its record: the few tracked blocks carry a flag, and their records are found by
 * the block's identity hash (and {@link Reference#refersTo}), so every other block's handle is a field smaller.
 */
final class LeakTracker {
    static final int SAMPLING_INTERVAL = 128;

    private final ReferenceQueue<PooledBlock> collected = new ReferenceQueue<>();
    /** Records of blocks still open, by the identity hash of their block (a few blocks may share one). */
    private final ConcurrentHashMap<Integer, Record[]> open = new ConcurrentHashMap<>();
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

    void track(PooledBlock block, PoolType type, int size, boolean recordSite) {
        poll();
        Record record = new Record(block, collected, type, size,
                recordSite ? new Throwable("allocation site of a " + type + " block of " + size + " bytes") : null);
        open.merge(record.hash, new Record[] {record}, LeakTracker::concat);
    }

    /** The tracked block was closed: no report. */
    void closed(PooledBlock block) {
        Record[] found = new Record[1];
        open.computeIfPresent(System.identityHashCode(block), (hash, records) -> {
            for (int i = 0; i < records.length; i++) {
                if (records[i].refersTo(block)) {
                    found[0] = records[i];
                    return without(records, i);
                }
            }
            return records;
        });
        if (found[0] != null) {
            found[0].clear();
        }
    }

    /** @return whether {@code record} was still open (it is not any more) */
    private boolean remove(Record record) {
        boolean[] removed = new boolean[1];
        open.computeIfPresent(record.hash, (hash, records) -> {
            for (int i = 0; i < records.length; i++) {
                if (records[i] == record) {
                    removed[0] = true;
                    return without(records, i);
                }
            }
            return records;
        });
        return removed[0];
    }

    private static Record[] concat(Record[] a, Record[] b) {
        Record[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** @return {@code records} without element {@code i}, or {@code null} (no mapping) when none is left */
    private static Record[] without(Record[] records, int i) {
        if (records.length == 1) {
            return null;
        }
        Record[] rest = new Record[records.length - 1];
        System.arraycopy(records, 0, rest, 0, i);
        System.arraycopy(records, i + 1, rest, i, records.length - i - 1);
        return rest;
    }

    /** Reports every tracked block the GC found unreachable while open. */
    void poll() {
        for (Reference<? extends PooledBlock> ref = collected.poll(); ref != null; ref = collected.poll()) {
            Record record = (Record) ref;
            if (remove(record)) {
                report(new LeakReport(record.type, record.size, record.site, false));
            }
        }
    }

    /** At system close: reports each tracked block still open and forgets them all. */
    void reportOpenAtClose() {
        poll();
        List<Record> remaining = new ArrayList<>();
        for (Integer hash : open.keySet()) {
            Record[] records = open.remove(hash);
            if (records != null) {
                remaining.addAll(List.of(records));
            }
        }
        for (Record record : remaining) {
            record.clear();
            report(new LeakReport(record.type, record.size, record.site, true));
        }
    }

    int openCount() {
        int n = 0;
        for (Record[] records : open.values()) {
            n += records.length;
        }
        return n;
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
        /** The block's identity hash: where the record is kept while the block is open. */
        final int hash;

        Record(PooledBlock block, ReferenceQueue<PooledBlock> queue, PoolType type, int size, Throwable site) {
            super(block, queue);
            this.hash = System.identityHashCode(block);
            this.type = type;
            this.size = size;
            this.site = site;
        }
    }
}
