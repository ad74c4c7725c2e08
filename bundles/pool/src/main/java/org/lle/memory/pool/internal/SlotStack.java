package org.lle.memory.pool.internal;

/**
 * A bounded LIFO of free slots owned by one thread: no lock, no atomic. Written on every allocation and
 * close, so both the object (see {@link CacheLinePadding}) and its array (unused slots at both ends) are
 * padded against false sharing with another thread's stack.
 */
final class SlotStack extends SlotStackFields {
    long q01, q02, q03, q04, q05, q06, q07, q08;

    SlotStack(int capacity) {
        super(capacity);
    }

    /**
     * The reference stays behind in the array: a thread that closes what it allocated pushes the same slot
     * back to the same place, and {@link #push} then stores nothing. A reference store into this long-lived
     * array costs a GC write barrier (G1: a card check and a fence when the card is clean) on every cycle.
     */
    Slot pop() {
        if (count == 0) {
            return null;
        }
        return slots[PAD + --count];
    }

    boolean push(Slot slot) {
        if (count == capacity) {
            return false;
        }
        int at = PAD + count++;
        if (slots[at] != slot) {
            slots[at] = slot;
        }
        return true;
    }

    /** Pops every slot into {@code release} and forgets the references left behind, so slabs can be collected. */
    void drain(ThreadCache.SlotReleaser release) {
        for (Slot slot = pop(); slot != null; slot = pop()) {
            release.release(slot);
        }
        java.util.Arrays.fill(slots, null);
    }

    int size() {
        return count;
    }
}

/** The fields of {@link SlotStack}, after a line of padding. */
abstract class SlotStackFields extends CacheLinePadding {
    /** Unused references on each side of the live part of {@link #slots}: 64 bytes or more. */
    static final int PAD = 16;
    final Slot[] slots;
    final int capacity;
    int count;

    SlotStackFields(int capacity) {
        this.capacity = capacity;
        this.slots = new Slot[PAD + capacity + PAD];
    }
}
