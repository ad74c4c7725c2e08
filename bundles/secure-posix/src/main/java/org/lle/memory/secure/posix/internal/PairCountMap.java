package org.lle.memory.secure.posix.internal;

/**
 * Counts keyed by a pair of {@code long}s (a page and 0, or a region's address and length) in a
 * {@link LongPairTable}, so the already-locked fast path of the region calls allocates nothing. Absent keys
 * count 0. Not thread safe.
 */
final class PairCountMap extends LongPairTable {
    private int[] counts = new int[initialCapacity()];

    int get(long first, long second) {
        int i = slot(first, second);
        return holds(i) ? counts[i] : 0;
    }

    /** Sets the count of ({@code first}, {@code second}); 0 removes the entry. */
    void put(long first, long second, int count) {
        int i = slot(first, second);
        if (holds(i)) {
            if (count == 0) {
                delete(i);
            } else {
                counts[i] = count;
            }
        } else if (count != 0) {
            int inserted = insert(first, second); // before reading counts: inserting may grow it
            counts[inserted] = count;
        }
    }

    /**
     * Adds {@code delta} to the count of ({@code first}, {@code second}) with one lookup; a count reaching 0
     * removes the entry.
     *
     * @return the new count
     */
    int add(long first, long second, int delta) {
        int i = slot(first, second);
        if (!holds(i)) {
            if (delta != 0) {
                int inserted = insert(first, second); // before reading counts: inserting may grow it
                counts[inserted] = delta;
            }
            return delta;
        }
        int count = counts[i] + delta;
        if (count == 0) {
            delete(i);
        } else {
            counts[i] = count;
        }
        return count;
    }

    /** Calls {@code action} for every entry. */
    void forEach(Entry action) {
        for (int i = 0; i < capacity(); i++) {
            if (holds(i)) {
                action.accept(first(i), second(i), counts[i]);
            }
        }
    }

    interface Entry {
        void accept(long first, long second, int count);
    }

    @Override
    void moveValues(int from, int to) {
        counts[to] = counts[from];
    }

    @Override
    void clearValues(int i) {
        // an int keeps nothing reachable
    }

    @Override
    void regrowValues(int capacity, int[] newIndex) {
        int[] grown = new int[capacity];
        for (int i = 0; i < newIndex.length; i++) {
            if (newIndex[i] >= 0) {
                grown[newIndex[i]] = counts[i];
            }
        }
        counts = grown;
    }
}
