package org.lle.memory.secure.noop.internal;

import java.util.Objects;

/** Bounds checks whose messages name the index, the length and the limit they broke. */
final class Bounds {
    private Bounds() {
    }

    static void index(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " is outside the secure buffer of size " + size + " (0.." + (size - 1) + ")");
        }
    }

    /** Checks {@code index .. index + length} against the buffer; overflow-safe. */
    static void range(int index, int length, int size) {
        if (length < 0 || index < 0 || index > size - length) {
            throw new IndexOutOfBoundsException("index " + index + " length " + length
                    + " is outside the secure buffer of size " + size);
        }
    }

    /** Checks the buffer range first, then the array range; overflow-safe, so a failed call changes nothing. */
    static void transfer(int index, byte[] array, int offset, int length, int size) {
        Objects.requireNonNull(array, "array");
        if (length < 0 || index < 0 || index > size - length) {
            throw new IndexOutOfBoundsException("index " + index + " length " + length
                    + " is outside the secure buffer of size " + size);
        }
        if (offset < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length
                    + " is outside the array of length " + array.length);
        }
    }
}
