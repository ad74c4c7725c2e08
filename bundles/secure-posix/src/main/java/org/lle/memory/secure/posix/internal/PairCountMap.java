package org.lle.memory.secure.posix.internal;

import java.util.Arrays;

/**
 * Counts keyed by a pair of {@code long}s (a page and 0, or a region's address and length), without boxing
 * or per-entry objects: open addressing, linear probing, backward-shift deletion. So the already-locked
 * fast path of the region calls allocates nothing. Absent keys count 0. Not thread safe.
 */
final class PairCountMap {
    private static final long EMPTY = Long.MIN_VALUE; // never a page number or an address

    private long[] firsts = newKeys(16);
    private long[] seconds = new long[16];
    private int[] counts = new int[16];
    private int size;

    int get(long first, long second) {
        int i = slot(first, second);
        return firsts[i] == first && seconds[i] == second ? counts[i] : 0;
    }

    /** Sets the count of ({@code first}, {@code second}); 0 removes the entry. */
    void put(long first, long second, int count) {
        if (count == 0) {
            remove(first, second);
            return;
        }
        if ((size + 1) * 2 > firsts.length) {
            grow();
        }
        int i = slot(first, second);
        if (firsts[i] == EMPTY) {
            firsts[i] = first;
            seconds[i] = second;
            size++;
        }
        counts[i] = count;
    }

    /**
     * Adds {@code delta} to the count of ({@code first}, {@code second}) with one lookup; a count reaching 0
     * removes the entry.
     *
     * @return the new count
     */
    int add(long first, long second, int delta) {
        int i = slot(first, second);
        if (firsts[i] == EMPTY) {
            put(first, second, delta);
            return delta;
        }
        int count = counts[i] + delta;
        if (count == 0) {
            remove(first, second);
        } else {
            counts[i] = count;
        }
        return count;
    }

    int size() {
        return size;
    }

    /** Calls {@code action} for every entry. */
    void forEach(Entry action) {
        for (int i = 0; i < firsts.length; i++) {
            if (firsts[i] != EMPTY) {
                action.accept(firsts[i], seconds[i], counts[i]);
            }
        }
    }

    void clear() {
        Arrays.fill(firsts, EMPTY);
        size = 0;
    }

    interface Entry {
        void accept(long first, long second, int count);
    }

    /** @return the index holding the key, or the empty index where it would go */
    private int slot(long first, long second) {
        int mask = firsts.length - 1;
        int i = hash(first, second) & mask;
        while (firsts[i] != EMPTY && (firsts[i] != first || seconds[i] != second)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void remove(long first, long second) {
        int i = slot(first, second);
        if (firsts[i] == EMPTY) {
            return;
        }
        int mask = firsts.length - 1;
        // backward shift: move later entries of the probe run into the hole so lookups never stop early
        int hole = i;
        for (int j = (i + 1) & mask; firsts[j] != EMPTY; j = (j + 1) & mask) {
            int home = hash(firsts[j], seconds[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                firsts[hole] = firsts[j];
                seconds[hole] = seconds[j];
                counts[hole] = counts[j];
                hole = j;
            }
        }
        firsts[hole] = EMPTY;
        size--;
    }

    private void grow() {
        long[] oldFirsts = firsts;
        long[] oldSeconds = seconds;
        int[] oldCounts = counts;
        firsts = newKeys(oldFirsts.length * 2);
        seconds = new long[oldFirsts.length * 2];
        counts = new int[oldFirsts.length * 2];
        size = 0;
        for (int i = 0; i < oldFirsts.length; i++) {
            if (oldFirsts[i] != EMPTY) {
                put(oldFirsts[i], oldSeconds[i], oldCounts[i]);
            }
        }
    }

    private static long[] newKeys(int capacity) {
        long[] keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        return keys;
    }

    private static int hash(long first, long second) {
        long h = (first * 0x9E3779B97F4A7C15L) ^ (second * 0xC2B2AE3D27D4EB4FL);
        return (int) (h ^ (h >>> 32));
    }
}
