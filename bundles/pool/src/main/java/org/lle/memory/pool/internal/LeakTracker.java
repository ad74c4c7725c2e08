package org.lle.memory.pool.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.List;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.PoolType;

/**
 * Netty-style leak detection: chosen blocks get a phantom reference; one that the GC finds unreachable
 * while still open is a leak. The queue is polled when a tracked block is allocated, on {@link #poll()} and
 * at system close, so no extra thread is needed. SIMPLE and ADVANCED track about one block in
 * {@value #SAMPLING_INTERVAL}; PARANOID tracks all; ADVANCED and PARANOID record the allocation site.
 *
 * <p>A block does not reference its record: the few tracked blocks carry a flag, and their records are found by
 * the block's slot ({@link OpenRecords}), so every other block's handle is a field smaller. The records of open
 * blocks are held here, strongly, until the block is closed or reported.
 */
final class LeakTracker {
    static final int SAMPLING_INTERVAL = 128;

    private final ReferenceQueue<PooledBlock> collected = new ReferenceQueue<>();
    /** Records of blocks still open, by slot; guarded by itself. */
    private final OpenRecords open = new OpenRecords();
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

    /**
     * Tracks a block before it is handed out; marking the block is part of it, so the allocation methods carry one
     * call for the rare tracked block and nothing else.
     */
    void track(PooledBlock block, boolean recordSite) {
        block.markTracked();
        poll();
        PoolType type = block.type();
        int size = block.size;
        Record record = new Record(block, collected, OpenRecords.key(block.slab, block.base), type, size,
                recordSite ? new Throwable("allocation site of a " + type + " block of " + size + " bytes") : null);
        synchronized (open) {
            open.put(record.key, record);
        }
    }

    /** The tracked block was closed: no report. */
    void closed(PooledBlock block) {
        Record found;
        synchronized (open) {
            found = open.remove(OpenRecords.key(block.slab, block.base));
        }
        if (found != null) {
            found.clear();
        }
    }

    /** @return whether {@code record} was still open (it is not any more) */
    private boolean remove(Record record) {
        synchronized (open) {
            return open.remove(record.key, record);
        }
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
        List<Record> remaining;
        synchronized (open) {
            remaining = open.removeAll();
        }
        for (Record record : remaining) {
            record.clear();
            report(new LeakReport(record.type, record.size, record.site, true));
        }
    }

    int openCount() {
        synchronized (open) {
            return open.size();
        }
    }

    private void report(LeakReport report) {
        try {
            listener.leaked(report);
        } catch (RuntimeException listenerFailed) {
            System.getLogger(LoggingLeakListener.LOGGER_NAME).log(System.Logger.Level.ERROR,
                    "leak listener failed on: " + report.describe(), listenerFailed);
        }
    }

    /** Kept by slot until its block is closed or reported. */
    static final class Record extends PhantomReference<PooledBlock> {
        final PoolType type;
        final int size;
        final Throwable site;
        /** The block's slot ({@link OpenRecords#key}): where the record is kept while the block is open. */
        final long key;

        Record(PooledBlock block, ReferenceQueue<PooledBlock> queue, long key, PoolType type, int size,
                Throwable site) {
            super(block, queue);
            this.key = key;
            this.type = type;
            this.size = size;
            this.site = site;
        }
    }
}
