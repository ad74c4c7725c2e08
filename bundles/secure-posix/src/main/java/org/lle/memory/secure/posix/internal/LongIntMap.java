package org.lle.memory.secure.posix.internal;

import java.util.Arrays;

/**
 * A map from {@code long} to positive {@code int} without boxing (open addressing, linear probing,
 * backward-shift deletion), so the already-locked fast path allocates nothing. Absent keys read as 0.
 * Not thread safe.
 */
final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE; // never a page number or address

    private long[] keys = newKeys(16);
    private int[] values = new int[16];
    private int size;

    int get(long key) {
        int i = slot(key);
        return keys[i] == key ? values[i] : 0;
    }

    /** Sets {@code key} to {@code value}; a value of 0 removes it. */
    void put(long key, int value) {
        if (value == 0) {
            remove(key);
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key);
        if (keys[i] != key) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    int size() {
        return size;
    }

    /** Calls {@code action} for every entry. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(values, 0);
        size = 0;
    }

    interface Entry {
        void accept(long key, int value);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void remove(long key) {
        int i = slot(key);
        if (keys[i] != key) {
            return;
        }
        int mask = keys.length - 1;
        // backward shift: move later entries of the probe run into the hole so lookups never stop early
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        values[hole] = 0;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = newKeys(oldKeys.length * 2);
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static long[] newKeys(int capacity) {
        long[] k = new long[capacity];
        Arrays.fill(k, EMPTY);
        return k;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
