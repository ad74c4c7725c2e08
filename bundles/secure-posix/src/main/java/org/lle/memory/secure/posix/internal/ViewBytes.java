package org.lle.memory.secure.posix.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.lle.memory.internal.access.AccessChecks;

/**
 * The bulk moves inside one buffer of {@code size} bytes at offset {@code base} of a chunk's view, shared by the
 * buffer's single calls and its access. Each checks its ranges first, so a failed call changes nothing.
 */
final class ViewBytes {
    private ViewBytes() {
    }

    /** Copies {@code length} bytes from {@code from} to {@code to}; the ranges may overlap. */
    static void copy(ByteBuffer view, int base, int size, int from, int to, int length) {
        Objects.checkFromIndexSize(from, length, size);
        Objects.checkFromIndexSize(to, length, size);
        view.put(base + to, view, base + from, length); // a memmove: the JDK copies overlapping ranges whole
    }

    static void fill(ByteBuffer view, int base, int size, int index, int length, byte value) {
        Objects.checkFromIndexSize(index, length, size);
        for (int i = base + index, end = i + length; i < end; i++) {
            view.put(i, value);
        }
    }

    /** Time depends on {@code length} only: every byte is compared, differences are OR-ed together. */
    static boolean rangeEquals(ByteBuffer view, int base, int size, int index, byte[] other, int offset,
            int length) {
        AccessChecks.checkTransfer(index, length, size, other, offset, "other");
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= view.get(base + index + i) ^ other[offset + i];
        }
        return diff == 0;
    }
}
