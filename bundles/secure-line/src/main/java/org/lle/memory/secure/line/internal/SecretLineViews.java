package org.lle.memory.secure.line.internal;

import java.util.Arrays;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.BytesFunction;
import org.lle.memory.secure.line.CharsFunction;

/**
 * The ways a line's text leaves secure memory: comparisons that never stop at the first difference, a copy into
 * another secure buffer (the caller's, or the larger one of growth), and scoped heap arrays wiped in a
 * {@code finally}.
 */
final class SecretLineViews {
    private SecretLineViews() {
    }

    /** Compares all of {@code a}'s bytes whatever they hold; the loop bounds depend on the lengths only. */
    static boolean contentEquals(SecureGapBuffer a, SecureGapBuffer b) {
        int length = a.byteLength();
        int otherLength = b.byteLength();
        if (otherLength == 0) {
            return length == 0;
        }
        int diff = length ^ otherLength;
        int last = otherLength - 1;
        for (int i = 0; i < length; i++) {
            diff |= a.byteAt(i) ^ b.byteAt(Math.min(i, last));
        }
        return diff == 0;
    }

    static boolean contentEquals(SecureGapBuffer a, byte[] utf8) {
        int length = a.byteLength();
        if (utf8.length == 0) {
            return length == 0;
        }
        int diff = length ^ utf8.length;
        int last = utf8.length - 1;
        for (int i = 0; i < length; i++) {
            diff |= a.byteAt(i) ^ utf8[Math.min(i, last)];
        }
        return diff == 0;
    }

    /**
     * Decodes the line character by character and compares each with the next one or two {@code char}s. The work
     * per character depends on its UTF-8 length, never on whether it matched.
     */
    static boolean contentEquals(SecureGapBuffer a, char[] chars) {
        int length = a.byteLength();
        if (chars.length == 0) {
            return length == 0;
        }
        int diff = 0;
        int last = chars.length - 1;
        int j = 0;
        for (int i = 0; i < length;) {
            int n = Utf8.sequenceLength(a.byteAt(i));
            int cp = decode(a, i, n);
            i += n;
            if (n == 4) {
                diff |= Character.highSurrogate(cp) ^ chars[Math.min(j, last)];
                diff |= Character.lowSurrogate(cp) ^ chars[Math.min(j + 1, last)];
                j += 2;
            } else {
                diff |= cp ^ chars[Math.min(j, last)];
                j++;
            }
        }
        return diff == 0 && j == chars.length;
    }

    static int copyTo(SecureGapBuffer a, SecureBuffer target, int index) {
        int length = a.byteLength();
        if (index < 0 || index > target.size() - length) {
            throw new IndexOutOfBoundsException("the line's " + length + " bytes do not fit at index " + index
                    + " of a secure buffer of " + target.size() + " bytes");
        }
        for (int i = 0; i < length; i++) {
            target.put(index + i, a.byteAt(i));
        }
        return length;
    }

    /**
     * Growth's copy: a new buffer of the memory with the text before the gap at its start and the text after the gap
     * moved to its end, byte by byte through the buffers' own accessors, so the text never passes a heap array; a
     * failed copy closes (wipes) the new buffer and leaves the old one as it was.
     *
     * @param newGapEnd where the text after the gap starts in the new buffer: its size less that text's length
     */
    static SecureBuffer grownCopy(SecureMemory memory, SecureBuffer old, int gapStart, int gapEnd, int capacity,
            int newGapEnd) {
        SecureBuffer grown = memory.allocate(newGapEnd + capacity - gapEnd);
        try {
            for (int i = 0; i < gapStart; i++) {
                grown.put(i, old.get(i));
            }
            for (int i = gapEnd; i < capacity; i++) {
                grown.put(newGapEnd + i - gapEnd, old.get(i));
            }
            return grown;
        } catch (RuntimeException e) {
            grown.close();
            throw e;
        }
    }

    static <R, X extends Exception> R withBytes(SecureGapBuffer a, BytesFunction<R, X> action)
            throws X {
        byte[] utf8 = new byte[a.byteLength()];
        try {
            for (int i = 0; i < utf8.length; i++) {
                utf8[i] = a.byteAt(i);
            }
            return action.apply(utf8);
        } finally {
            wipe(utf8);
        }
    }

    static <R, X extends Exception> R withChars(SecureGapBuffer a, CharsFunction<R, X> action)
            throws X {
        int length = a.byteLength();
        int units = 0;
        for (int i = 0; i < length;) {
            int n = Utf8.sequenceLength(a.byteAt(i));
            units += n == 4 ? 2 : 1;
            i += n;
        }
        char[] chars = new char[units];
        try {
            int j = 0;
            for (int i = 0; i < length;) {
                int n = Utf8.sequenceLength(a.byteAt(i));
                int cp = decode(a, i, n);
                i += n;
                j += Character.toChars(cp, chars, j);
            }
            return action.apply(chars);
        } finally {
            wipe(chars);
        }
    }

    private static int decode(SecureGapBuffer a, int index, int n) {
        int lead = a.byteAt(index) & 0xFF;
        int cp = n == 1 ? lead : n == 2 ? lead & 0x1F : n == 3 ? lead & 0x0F : lead & 0x07;
        for (int k = 1; k < n; k++) {
            cp = cp << 6 | a.byteAt(index + k) & 0x3F;
        }
        return cp;
    }

    /**
     * A plain fill, not the provider's secureClear: the array escaped into the caller's action, so no compiler may
     * drop these stores, and a provider that refuses or throws (a broker with no provider behind it at this moment)
     * must neither leave the array unwiped nor replace the action's own result or exception.
     */
    private static void wipe(byte[] data) {
        Arrays.fill(data, (byte) 0);
    }

    private static void wipe(char[] chars) {
        Arrays.fill(chars, '\0');
    }
}
