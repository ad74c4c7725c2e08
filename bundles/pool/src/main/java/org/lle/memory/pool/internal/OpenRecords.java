package org.lle.memory.pool.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The leak records of open tracked blocks, by their slot: an open-addressing table of {@code long} keys (linear
 * probing, deletion by shifting back), so tracking and forgetting a block cost no boxing, no node and no identity
 * hash. A slot is behind at most one open block, so its key is unique among open records. Not thread-safe: its
 * {@link LeakTracker} guards it.
 */
final class OpenRecords {
    private static final int MIN_CAPACITY = 16;

    private long[] keys = new long[MIN_CAPACITY];
    private LeakTracker.Record[] records = new LeakTracker.Record[MIN_CAPACITY];
    private int size;

    /** @return the key of the slot at {@code offset} in {@code slab} */
    static long key(Slab slab, int offset) {
        return slab.id << 16 | offset;
    }

    int size() {
        return size;
    }

    void put(long key, LeakTracker.Record record) {
        if (2 * (size + 1) > keys.length) {
            resize(keys.length * 2);
        }
        int i = indexOf(key);
        if (records[i] == null) {
            size++;
        }
        keys[i] = key;
        records[i] = record;
    }

    /** @return the record that was kept under {@code key}, or {@code null} */
    LeakTracker.Record remove(long key) {
        int i = indexOf(key);
        return records[i] == null ? null : removeAt(i);
    }

    /** @return whether {@code expected} was kept under {@code key} (it is not any more) */
    boolean remove(long key, LeakTracker.Record expected) {
        int i = indexOf(key);
        if (records[i] != expected || expected == null) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Removes the record at index {@code i}, which holds one. @return that record */
    private LeakTracker.Record removeAt(int i) {
        LeakTracker.Record found = records[i];
        deleteAt(i);
        if (keys.length > MIN_CAPACITY && 8 * size < keys.length) {
            resize(keys.length / 2); // a burst of tracked blocks (PARANOID) does not keep its table for good
        }
        return found;
    }

    /** @return every record, the table left empty */
    List<LeakTracker.Record> removeAll() {
        List<LeakTracker.Record> all = new ArrayList<>(size);
        for (LeakTracker.Record r : records) {
            if (r != null) {
                all.add(r);
            }
        }
        keys = new long[MIN_CAPACITY];
        records = new LeakTracker.Record[MIN_CAPACITY];
        size = 0;
        return all;
    }

    /** @return the index holding {@code key}, or the empty index where it would go */
    private int indexOf(long key) {
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (records[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int home(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    /** Empties index {@code i} and moves later entries of its probe run back, so every lookup still finds them. */
    private void deleteAt(int i) {
        int mask = keys.length - 1;
        records[i] = null;
        size--;
        int gap = i;
        for (int j = (i + 1) & mask; records[j] != null; j = (j + 1) & mask) {
            int want = home(keys[j], mask);
            // move j into the gap unless its home lies cyclically in (gap, j]
            boolean stays = gap <= j ? gap < want && want <= j : gap < want || want <= j;
            if (!stays) {
                keys[gap] = keys[j];
                records[gap] = records[j];
                records[j] = null;
                gap = j;
            }
        }
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        LeakTracker.Record[] oldRecords = records;
        keys = new long[capacity];
        records = new LeakTracker.Record[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRecords[i] != null) {
                put(oldKeys[i], oldRecords[i]);
            }
        }
    }
}
