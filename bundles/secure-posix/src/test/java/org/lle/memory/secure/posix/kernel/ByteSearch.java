package org.lle.memory.secure.posix.kernel;

import java.util.function.IntConsumer;

/** Finds a short needle in a block; callers overlap blocks by {@code needle.length - 1} bytes. */
final class ByteSearch {
    private ByteSearch() {
    }

    /** Calls {@code atIndex} for each index {@code i} where the needle lies whole in {@code hay[0..length)}. */
    static void forEachMatch(byte[] hay, int length, byte[] needle, IntConsumer atIndex) {
        forEachMatch(hay, 0, length, length, needle, atIndex);
    }

    /** As above, for start indexes in {@code [from, to)} only. */
    static void forEachMatch(byte[] hay, int from, int to, int length, byte[] needle, IntConsumer atIndex) {
        byte first = needle[0];
        int last = Math.min(to - 1, length - needle.length);
        for (int i = from; i <= last; i++) {
            if (hay[i] == first && matchesAt(hay, i, needle)) {
                atIndex.accept(i);
            }
        }
    }

    private static boolean matchesAt(byte[] hay, int at, byte[] needle) {
        for (int k = 1; k < needle.length; k++) {
            if (hay[at + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }
}
