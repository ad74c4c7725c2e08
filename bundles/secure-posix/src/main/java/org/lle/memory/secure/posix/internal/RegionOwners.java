package org.lle.memory.secure.posix.internal;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The enabled regions of one stripe of {@link PageLockTable}: (address, length) → how many times the region is
 * enabled, and a weak reference to the buffer of each enable (what provider shutdown checks, see
 * {@link PageLockTable}). Not thread safe: the stripe's lock guards it.
 *
 * <p>Enabling and disabling a region through the same buffer over and over is the common case, and it must not
 * allocate. So the table is a {@link LongPairTable} (no key or entry objects), a region keeps its first
 * buffer's reference with a count of the enables made through that buffer, and only enables through a second,
 * different buffer object go to a list. When a region's last enable goes, its reference is kept in a small ring
 * of spares and handed out again when the same buffer enables a region next: a weak reference only says whether
 * its buffer is still reachable, so a reused one says exactly what a new one would.
 */
final class RegionOwners extends LongPairTable {
    private static final int SPARES = 8; // a power of two

    private int[] enables = new int[initialCapacity()];
    private WeakReference<?>[] firstOwners = new WeakReference<?>[initialCapacity()];
    private int[] firstOwnerEnables = new int[initialCapacity()];
    /** null, or the references of enables through buffers other than the first (one each) */
    private List<?>[] otherOwners = new List<?>[initialCapacity()];
    private final WeakReference<?>[] spares = new WeakReference<?>[SPARES];
    private int nextSpare;

    /** @return how many times ({@code address}, {@code length}) is enabled; 0 when it is not */
    int enables(long address, long length) {
        int i = slot(address, length);
        return holds(i) ? enables[i] : 0;
    }

    /** Counts one more enable of the region, made through {@code owner}. */
    void add(long address, long length, ByteBuffer owner) {
        int i = slot(address, length);
        if (!holds(i)) {
            i = insert(address, length);
            enables[i] = 1;
            firstOwners[i] = referenceTo(owner);
            firstOwnerEnables[i] = 1;
            return;
        }
        enables[i]++;
        if (firstOwners[i].get() == owner) {
            firstOwnerEnables[i]++;
        } else {
            others(i).add(referenceTo(owner));
        }
    }

    /**
     * Forgets one enable of the region: one whose buffer is gone if there is one (the caller of disable holds a
     * buffer), else one through another buffer than the first, else one through the first.
     *
     * @return false when the region is not enabled (nothing changes)
     */
    boolean remove(long address, long length) {
        int i = slot(address, length);
        if (!holds(i)) {
            return false;
        }
        if (--enables[i] == 0) {
            spare(firstOwners[i]);
            delete(i);
            return true;
        }
        List<?> others = otherOwners[i];
        if (others != null && !others.isEmpty()) {
            for (int n = 0; n < others.size(); n++) {
                if (((WeakReference<?>) others.get(n)).get() == null) {
                    others.remove(n);
                    return true;
                }
            }
            if (firstOwners[i].get() != null) {
                others.remove(others.size() - 1);
                return true;
            }
        }
        if (--firstOwnerEnables[i] == 0) { // others is not empty: enables[i] > 0 counts them
            firstOwners[i] = (WeakReference<?>) others.remove(0);
            firstOwnerEnables[i] = 1;
        }
        return true;
    }

    /** Calls {@code action} with (address, length, times enabled) of every region. */
    void forEach(PairCountMap.Entry action) {
        for (int i = 0; i < capacity(); i++) {
            if (holds(i)) {
                action.accept(first(i), second(i), enables[i]);
            }
        }
    }

    /**
     * Calls {@code action} for every region, saying whether the buffer of each of its enables is still
     * reachable, and adds every such buffer to {@code reachable} (the caller holds them while it acts on it).
     */
    void forEachOwnership(List<ByteBuffer> reachable, Ownership action) {
        for (int i = 0; i < capacity(); i++) {
            if (!holds(i)) {
                continue;
            }
            boolean everyOwnerReachable = collect(firstOwners[i], reachable);
            if (otherOwners[i] != null) {
                for (Object reference : otherOwners[i]) {
                    everyOwnerReachable &= collect((WeakReference<?>) reference, reachable);
                }
            }
            action.accept(first(i), second(i), everyOwnerReachable);
        }
    }

    @Override
    void clear() {
        super.clear();
        Arrays.fill(firstOwners, null);
        Arrays.fill(otherOwners, null);
        Arrays.fill(spares, null);
    }

    interface Ownership {
        void accept(long address, long length, boolean everyOwnerReachable);
    }

    private static boolean collect(WeakReference<?> reference, List<ByteBuffer> reachable) {
        Object owner = reference.get();
        if (owner == null) {
            return false;
        }
        reachable.add((ByteBuffer) owner);
        return true;
    }

    /** @return a spare reference to {@code owner} (taken out of the ring), or a new one */
    private WeakReference<?> referenceTo(ByteBuffer owner) {
        for (int back = 1; back <= SPARES; back++) { // newest first: a buffer enabled again is usually the last one
            int n = (nextSpare - back) & (SPARES - 1);
            WeakReference<?> spare = spares[n];
            if (spare != null && spare.get() == owner) {
                spares[n] = null;
                return spare;
            }
        }
        return new WeakReference<>(owner);
    }

    private void spare(WeakReference<?> reference) {
        if (reference.get() != null) {
            spares[nextSpare] = reference;
            nextSpare = (nextSpare + 1) & (SPARES - 1);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> others(int i) {
        if (otherOwners[i] == null) {
            otherOwners[i] = new ArrayList<>(1);
        }
        return (List<Object>) otherOwners[i];
    }

    @Override
    void moveValues(int from, int to) {
        enables[to] = enables[from];
        firstOwners[to] = firstOwners[from];
        firstOwnerEnables[to] = firstOwnerEnables[from];
        otherOwners[to] = otherOwners[from];
    }

    @Override
    void clearValues(int i) {
        firstOwners[i] = null;
        otherOwners[i] = null;
    }

    @Override
    void regrowValues(int capacity, int[] newIndex) {
        int[] oldEnables = enables;
        WeakReference<?>[] oldFirstOwners = firstOwners;
        int[] oldFirstOwnerEnables = firstOwnerEnables;
        List<?>[] oldOtherOwners = otherOwners;
        enables = new int[capacity];
        firstOwners = new WeakReference<?>[capacity];
        firstOwnerEnables = new int[capacity];
        otherOwners = new List<?>[capacity];
        for (int from = 0; from < newIndex.length; from++) {
            int to = newIndex[from];
            if (to >= 0) {
                enables[to] = oldEnables[from];
                firstOwners[to] = oldFirstOwners[from];
                firstOwnerEnables[to] = oldFirstOwnerEnables[from];
                otherOwners[to] = oldOtherOwners[from];
            }
        }
    }
}
