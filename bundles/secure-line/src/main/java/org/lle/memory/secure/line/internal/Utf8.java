package org.lle.memory.secure.line.internal;

import org.lle.memory.secure.SecureBuffer;

/**
 * UTF-8 rules for the secret line: encoded lengths and the validity of lead and continuation bytes. Messages
 * name a refused value only when it cannot be a character of the text (a surrogate, a byte of 0x80 or more).
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Encodes in a local value, so a writer needs one loop of byte stores and no array.
     *
     * @param n {@link #checkedLength(int)} of {@code codePoint}
     * @return the {@code n} bytes of {@code codePoint} in UTF-8, the first in the lowest 8 bits
     */
    static int encode(int codePoint, int n) {
        if (n == 1) {
            return codePoint;
        }
        if (n == 2) {
            return 0xC0 | codePoint >>> 6 | (0x80 | codePoint & 0x3F) << 8;
        }
        if (n == 3) {
            return 0xE0 | codePoint >>> 12 | (0x80 | codePoint >>> 6 & 0x3F) << 8
                    | (0x80 | codePoint & 0x3F) << 16;
        }
        return 0xF0 | codePoint >>> 18 | (0x80 | codePoint >>> 12 & 0x3F) << 8
                | (0x80 | codePoint >>> 6 & 0x3F) << 16 | (0x80 | codePoint & 0x3F) << 24;
    }

    /**
     * Stores the {@code n} bytes of {@code codePoint} at {@code at}, computed in locals: one store a byte, no loop,
     * no array.
     *
     * @param n {@link #checkedLength(int)} of {@code codePoint}
     */
    static void store(SecureBuffer.Access v, int at, int codePoint, int n) {
        if (n == 1) {
            v.put(at, (byte) codePoint);
        } else if (n == 2) {
            v.put(at, (byte) (0xC0 | codePoint >>> 6));
            v.put(at + 1, (byte) (0x80 | codePoint & 0x3F));
        } else if (n == 3) {
            v.put(at, (byte) (0xE0 | codePoint >>> 12));
            v.put(at + 1, (byte) (0x80 | codePoint >>> 6 & 0x3F));
            v.put(at + 2, (byte) (0x80 | codePoint & 0x3F));
        } else {
            v.put(at, (byte) (0xF0 | codePoint >>> 18));
            v.put(at + 1, (byte) (0x80 | codePoint >>> 12 & 0x3F));
            v.put(at + 2, (byte) (0x80 | codePoint >>> 6 & 0x3F));
            v.put(at + 3, (byte) (0x80 | codePoint & 0x3F));
        }
    }

    /**
     * The check that {@code codePoint} is a Unicode scalar value and its encoded length in one chain of compares:
     * an ASCII character, the usual key, is decided by the first.
     *
     * @return the bytes of {@code codePoint} in UTF-8
     * @throws IllegalArgumentException unless {@code codePoint} is a Unicode scalar value
     */
    static int checkedLength(int codePoint) {
        if (codePoint < 0x80) {
            if (codePoint >= 0) {
                return 1;
            }
        } else if (codePoint < 0x800) {
            return 2;
        } else if (codePoint < 0x10000) {
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                return 3;
            }
        } else if (codePoint <= Character.MAX_CODE_POINT) {
            return 4;
        }
        throw notAScalarValue(codePoint);
    }

    private static IllegalArgumentException notAScalarValue(int codePoint) {
        String hex = Integer.toHexString(codePoint).toUpperCase();
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return new IllegalArgumentException("code point U+" + hex
                    + " is a surrogate (U+D800..U+DFFF), not a character; pass whole code points");
        }
        return new IllegalArgumentException("code point 0x" + hex + " is outside U+0000..U+10FFFF");
    }

    /**
     * @param lead the first byte of a character
     * @return how many bytes the character has, {@code 1..4}
     * @throws IllegalArgumentException for a byte that cannot start a character
     */
    static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        if (b < 0xC0) {
            throw new IllegalArgumentException("byte 0x" + hex(b)
                    + " is a UTF-8 continuation byte (0x80..0xBF) with no lead byte before it");
        }
        if (b >= 0xC2 && b <= 0xDF) {
            return 2;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            return 3;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            return 4;
        }
        throw new IllegalArgumentException("byte 0x" + hex(b)
                + " never occurs in UTF-8 (0xC0, 0xC1 and 0xF5..0xFF are not valid lead bytes)");
    }

    /**
     * Checks the byte at position {@code position} (1..3) of a character whose first byte is {@code lead}: it must be
     * a continuation byte, and the second byte must not make an overlong form, a surrogate or a value past U+10FFFF.
     *
     * @throws IllegalArgumentException when it is not allowed there
     */
    static void checkContinuation(byte lead, int position, byte next) {
        int b = next & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw new IllegalArgumentException((b < 0x80 ? "an ASCII byte" : "byte 0x" + hex(b)) + " came as byte "
                    + (position + 1) + " of a " + sequenceLength(lead)
                    + "-byte UTF-8 character, where a continuation byte (0x80..0xBF) must come");
        }
        if (position != 1) {
            return;
        }
        int l = lead & 0xFF;
        int min = l == 0xE0 ? 0xA0 : l == 0xF0 ? 0x90 : 0x80;
        int max = l == 0xED ? 0x9F : l == 0xF4 ? 0x8F : 0xBF;
        if (b < min || b > max) {
            String why = l == 0xED ? "a surrogate (U+D800..U+DFFF)"
                    : l == 0xF4 ? "a value past U+10FFFF" : "an overlong form";
            throw new IllegalArgumentException("byte 0x" + hex(b) + " after lead byte 0x" + hex(l)
                    + " would encode " + why + "; allowed there: 0x" + hex(min) + "..0x" + hex(max));
        }
    }

    /**
     * Finds where the last character before {@code end} starts, reading as few bytes as valid UTF-8 allows: when the
     * byte before {@code end} continues a character, exactly one of these holds: a 3-byte lead 3 bytes back, a
     * 2-byte lead 2 back, or (a continuation 2 back) a 4-byte lead 4 back. The 3-byte case is tried first, so the
     * common multi-byte character (most scripts of Asia, the euro sign) takes two reads.
     *
     * @param end the end of valid UTF-8 that has a character before it
     */
    static int startOfLast(SecureBuffer.Access text, int end) {
        if (!isContinuation(text.get(end - 1))) {
            return end - 1;
        }
        if (end >= 3 && (text.get(end - 3) & 0xF0) == 0xE0) {
            return end - 3;
        }
        return isContinuation(text.get(end - 2)) ? end - 4 : end - 2;
    }

    /** {@link #startOfLast(SecureBuffer.Access, int)} through the buffer's checked calls. */
    static int startOfLast(SecureBuffer text, int end) {
        if (!isContinuation(text.get(end - 1))) {
            return end - 1;
        }
        if (end >= 3 && (text.get(end - 3) & 0xF0) == 0xE0) {
            return end - 3;
        }
        return isContinuation(text.get(end - 2)) ? end - 4 : end - 2;
    }

    /** @return whether {@code b} continues a character (0b10xxxxxx) */
    static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static String hex(int b) {
        return Integer.toHexString(b).toUpperCase();
    }
}
