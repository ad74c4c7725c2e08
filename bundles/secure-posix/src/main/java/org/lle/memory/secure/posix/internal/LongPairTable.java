package org.lle.memory.secure.posix.internal;

import java.util.Arrays;

/**
 * The keys of a hash table keyed by a pair of {@code long}s (a page and 0, or a region's address and length),
 * without boxing or per-entry objects: open addressing, linear probing, backward-shift deletion. Subclasses
 * keep their values in arrays parallel to the keys and move them when this class moves a key. So lookups and
 * updates of entries that exist allocate nothing. Not thread safe.
 */
abstract class LongPairTable {
    private static final long EMPTY = Long.MIN_VALUE; // never a page number or an address
    private static final int INITIAL_CAPACITY = 16;

    private long[] firsts = newKeys(INITIAL_CAPACITY);
    private long[] seconds = new long[INITIAL_CAPACITY];
    private int size;

    /** @return the length of the value arrays a subclass starts with */
    static int initialCapacity() {
        return INITIAL_CAPACITY;
    }

    /** @return the index holding the key, or the empty index where it would go */
    final int slot(long first, long second) {
        int mask = firsts.length - 1;
        int i = hash(first, second) & mask;
        while (firsts[i] != EMPTY && (firsts[i] != first || seconds[i] != second)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** @return whether index {@code i} holds a key */
    final boolean holds(int i) {
        return firsts[i] != EMPTY;
    }

    final long first(int i) {
        return firsts[i];
    }

    final long second(int i) {
        return seconds[i];
    }

    final int capacity() {
        return firsts.length;
    }

    final int size() {
        return size;
    }

    /**
     * Stores a new key, growing the table first when it is half full.
     *
     * @return the index the key now holds, whose values the caller sets
     */
    final int insert(long first, long second) {
        if ((size + 1) * 2 > firsts.length) {
            grow();
        }
        int i = slot(first, second);
        firsts[i] = first;
        seconds[i] = second;
        size++;
        return i;
    }

    /** Empties index {@code i}, moving later entries of its probe run back so lookups never stop early. */
    final void delete(int i) {
        int mask = firsts.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; firsts[j] != EMPTY; j = (j + 1) & mask) {
            int home = hash(firsts[j], seconds[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                firsts[hole] = firsts[j];
                seconds[hole] = seconds[j];
                moveValues(j, hole);
                hole = j;
            }
        }
        firsts[hole] = EMPTY;
        clearValues(hole);
        size--;
    }

    /** Empties the table; subclasses drop the references their values hold. */
    void clear() {
        Arrays.fill(firsts, EMPTY);
        size = 0;
    }

    /** Moves the values of index {@code from} to index {@code to} (the key has moved already). */
    abstract void moveValues(int from, int to);

    /** Drops what index {@code i}'s values refer to, so a deleted entry keeps nothing reachable. */
    abstract void clearValues(int i);

    /**
     * Replaces the value arrays by ones of {@code capacity}, the values of old index {@code i} going to
     * {@code newIndex[i]} (negative for an index that held no key).
     */
    abstract void regrowValues(int capacity, int[] newIndex);

    private void grow() {
        long[] oldFirsts = firsts;
        long[] oldSeconds = seconds;
        int capacity = oldFirsts.length * 2;
        firsts = newKeys(capacity);
        seconds = new long[capacity];
        int[] newIndex = new int[oldFirsts.length];
        for (int i = 0; i < oldFirsts.length; i++) {
            if (oldFirsts[i] == EMPTY) {
                newIndex[i] = -1;
            } else {
                int to = slot(oldFirsts[i], oldSeconds[i]);
                firsts[to] = oldFirsts[i];
                seconds[to] = oldSeconds[i];
                newIndex[i] = to;
            }
        }
        regrowValues(capacity, newIndex);
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
