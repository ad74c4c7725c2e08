package org.lle.memory.benchmarks.line;

/**
 * The peer: a gap buffer of UTF-8 in a plain {@code byte[]}, the way Java line editors (JLine's {@code Buffer})
 * keep a line, with the same operations as the secret line: insert a code point at the cursor, delete the one
 * before it, keeping the cursor and the length in code points as JLine's {@code Buffer} does. No checks of the
 * code point, no wiping, no secure memory: the speed floor.
 */
final class ByteArrayGapBuffer {
    private byte[] bytes = new byte[64];
    private int gapStart;
    private int gapEnd = bytes.length;
    private int cursor;
    private int length;

    void insert(int codePoint) {
        int n = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        if (gapEnd - gapStart < n) {
            grow(n);
        }
        if (n == 1) {
            bytes[gapStart] = (byte) codePoint;
        } else if (n == 2) {
            bytes[gapStart] = (byte) (0xC0 | codePoint >>> 6);
            bytes[gapStart + 1] = (byte) (0x80 | codePoint & 0x3F);
        } else if (n == 3) {
            bytes[gapStart] = (byte) (0xE0 | codePoint >>> 12);
            bytes[gapStart + 1] = (byte) (0x80 | codePoint >>> 6 & 0x3F);
            bytes[gapStart + 2] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            bytes[gapStart] = (byte) (0xF0 | codePoint >>> 18);
            bytes[gapStart + 1] = (byte) (0x80 | codePoint >>> 12 & 0x3F);
            bytes[gapStart + 2] = (byte) (0x80 | codePoint >>> 6 & 0x3F);
            bytes[gapStart + 3] = (byte) (0x80 | codePoint & 0x3F);
        }
        gapStart += n;
        cursor++;
        length++;
    }

    boolean deleteBefore() {
        if (gapStart == 0) {
            return false;
        }
        int i = gapStart - 1;
        while ((bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        gapStart = i;
        cursor--;
        length--;
        return true;
    }

    boolean left() {
        if (gapStart == 0) {
            return false;
        }
        int i = gapStart - 1;
        while ((bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        int n = gapStart - i;
        System.arraycopy(bytes, i, bytes, gapEnd - n, n);
        gapStart -= n;
        gapEnd -= n;
        cursor--;
        return true;
    }

    int cursor() {
        return cursor;
    }

    int length() {
        return length;
    }

    int byteLength() {
        return gapStart + bytes.length - gapEnd;
    }

    private void grow(int needed) {
        int tail = bytes.length - gapEnd;
        byte[] grown = new byte[Math.max(bytes.length * 2, bytes.length + needed)];
        System.arraycopy(bytes, 0, grown, 0, gapStart);
        System.arraycopy(bytes, gapEnd, grown, grown.length - tail, tail);
        gapEnd = grown.length - tail;
        bytes = grown;
    }
}
