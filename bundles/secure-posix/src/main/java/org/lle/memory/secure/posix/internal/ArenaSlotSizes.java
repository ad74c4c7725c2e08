package org.lle.memory.secure.posix.internal;

/**
 * The arena's slot sizes: powers of two from {@value #MIN_SIZE} to {@link LockedArena#MAX_SIZE} and the midpoints
 * between them (16, 24, 32, 48, 64, 96, ...), so a buffer wastes at most a third of its slot.
 */
final class ArenaSlotSizes {
    static final int MIN_SIZE = 16;

    private ArenaSlotSizes() {
    }

    /** @return every slot size, smallest first */
    static int[] all() {
        int powers = Integer.numberOfTrailingZeros(LockedArena.MAX_SIZE) - Integer.numberOfTrailingZeros(MIN_SIZE) + 1;
        int[] sizes = new int[2 * powers - 1];
        for (int i = 0, power = MIN_SIZE; power <= LockedArena.MAX_SIZE; power *= 2) {
            sizes[i++] = power;
            if (power < LockedArena.MAX_SIZE) {
                sizes[i++] = power + power / 2;
            }
        }
        return sizes;
    }

    /**
     * Computed, not searched (this runs on every allocation): with {@code 2^bits} the smallest power of two not
     * below {@code size}, the class is the midpoint {@code 1.5 * 2^(bits-1)} when that suffices, else {@code 2^bits}.
     *
     * @param size 1..{@link LockedArena#MAX_SIZE}
     * @return the index in {@link #all()} of the smallest slot size that holds {@code size} bytes
     */
    static int indexOf(int size) {
        if (size <= MIN_SIZE) {
            return 0;
        }
        int bits = Integer.SIZE - Integer.numberOfLeadingZeros(size - 1);
        int half = 1 << (bits - 1);
        int firstBits = Integer.numberOfTrailingZeros(MIN_SIZE);
        return 2 * (bits - firstBits) - (size <= half + half / 2 ? 1 : 0);
    }
}
