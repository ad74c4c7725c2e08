package org.lle.memory.pool.internal;

/** A bounded LIFO of free slots owned by one thread: no lock, no atomic. */
final class SlotStack {
    private final Slot[] slots;
    private int count;

    SlotStack(int capacity) {
        this.slots = new Slot[capacity];
    }

    Slot pop() {
        if (count == 0) {
            return null;
        }
        Slot slot = slots[--count];
        slots[count] = null;
        return slot;
    }

    boolean push(Slot slot) {
        if (count == slots.length) {
            return false;
        }
        slots[count++] = slot;
        return true;
    }

    int size() {
        return count;
    }
}
