package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;

/**
 * The editing rules of every {@link SecretLine}: each operation with characters of 1 to 4 bytes, checked byte for
 * byte against the expected text; bad input refused with the line unchanged. Implementations extend
 * {@link SecretLineContract}.
 */
public abstract class SecretLineEditingContract extends SecretLineContractSupport {

    @Test
    void insertsCharactersOfEveryUtf8LengthAtTheEndAndInTheMiddle() {
        SecretLine line = lineOf(MIXED);
        assertLine(line, MIXED, 4);
        line.moveTo(2);
        line.insert(0xDF);
        assertLine(line, "a\u00e9\u00df\u20ac\uD83D\uDE00", 3);
        line.moveTo(0);
        line.insert(0x1F600);
        assertLine(line, "\uD83D\uDE00a\u00e9\u00df\u20ac\uD83D\uDE00", 1);
        line.end();
        line.insert(0x4E2D);
        assertLine(line, "\uD83D\uDE00a\u00e9\u00df\u20ac\uD83D\uDE00\u4e2d", 7);
    }

    @Test
    void deleteBeforeRemovesWholeCharactersAtTheEndAndInTheMiddle() {
        SecretLine line = lineOf(MIXED);
        assertThat(line.deleteBefore()).isTrue();
        assertLine(line, "a\u00e9\u20ac", 3);
        assertThat(line.deleteBefore()).isTrue();
        assertLine(line, "a\u00e9", 2);
        assertThat(line.deleteBefore()).isTrue();
        assertThat(line.deleteBefore()).isTrue();
        assertLine(line, "", 0);
        assertThat(line.deleteBefore()).as("nothing before the cursor").isFalse();

        SecretLine middle = lineOf(MIXED);
        middle.moveTo(3);
        assertThat(middle.deleteBefore()).isTrue();
        assertLine(middle, "a\u00e9\uD83D\uDE00", 2);
    }

    @Test
    void deleteAfterRemovesWholeCharactersAtTheStartAndInTheMiddle() {
        SecretLine line = lineOf(MIXED);
        line.home();
        assertThat(line.deleteAfter()).isTrue();
        assertLine(line, "\u00e9\u20ac\uD83D\uDE00", 0);
        line.moveTo(2);
        assertThat(line.deleteAfter()).isTrue();
        assertLine(line, "\u00e9\u20ac", 2);
        assertThat(line.deleteAfter()).as("nothing after the cursor").isFalse();
        line.moveTo(1);
        assertThat(line.deleteAfter()).isTrue();
        assertLine(line, "\u00e9", 1);
    }

    @Test
    void leftAndRightStepOverWholeCharactersAndStopAtTheEnds() {
        SecretLine line = lineOf(MIXED);
        for (int expected = 3; expected >= 0; expected--) {
            assertThat(line.left()).isTrue();
            assertLine(line, MIXED, expected);
        }
        assertThat(line.left()).as("at the start").isFalse();
        for (int expected = 1; expected <= 4; expected++) {
            assertThat(line.right()).isTrue();
            assertLine(line, MIXED, expected);
        }
        assertThat(line.right()).as("at the end").isFalse();
        line.left();
        line.left();
        line.insert('x');
        assertLine(line, "a\u00e9x\u20ac\uD83D\uDE00", 3);
    }

    @Test
    void homeAndEndMoveToTheEnds() {
        SecretLine line = lineOf(MIXED);
        line.home();
        assertLine(line, MIXED, 0);
        line.insert(0x10FFFF);
        line.end();
        line.insert(0);
        assertLine(line, "\uDBFF\uDFFF" + MIXED + "\0", 6);
    }

    @Test
    void deleteToStartAndToEndRemoveOneSideOfTheCursor() {
        SecretLine start = lineOf(MIXED);
        start.moveTo(2);
        assertThat(start.deleteToStart()).isEqualTo(2);
        assertLine(start, "\u20ac\uD83D\uDE00", 0);
        assertThat(start.deleteToStart()).isZero();

        SecretLine end = lineOf(MIXED);
        end.moveTo(2);
        assertThat(end.deleteToEnd()).isEqualTo(2);
        assertLine(end, "a\u00e9", 2);
        assertThat(end.deleteToEnd()).isZero();
    }

    @Test
    void deleteWordBeforeRemovesTrailingWhitespaceThenTheWordAsTheTerminalDoes() {
        SecretLine line = lineOf("one tw\u00f6  \u20ac\uD83D\uDE00x");
        assertThat(line.deleteWordBefore()).isEqualTo(3);
        assertLine(line, "one tw\u00f6  ", 9);
        assertThat(line.deleteWordBefore()).isEqualTo(5);
        assertLine(line, "one ", 4);
        assertThat(line.deleteWordBefore()).isEqualTo(4);
        assertLine(line, "", 0);
        assertThat(line.deleteWordBefore()).isZero();

        SecretLine ideographic = lineOf("ab\u3000cd");
        assertThat(ideographic.deleteWordBefore()).isEqualTo(2);
        assertThat(ideographic.deleteWordBefore()).as("U+3000 is whitespace").isEqualTo(3);

        SecretLine middle = lineOf("ab cd");
        middle.moveTo(2);
        assertThat(middle.deleteWordBefore()).isEqualTo(2);
        assertLine(middle, " cd", 0);
    }

    @Test
    void clearEmptiesTheLineWhichStaysUsable() {
        SecretLine line = lineOf(MIXED);
        line.moveTo(1);
        line.clear();
        assertLine(line, "", 0);
        line.insert(0x20AC);
        assertLine(line, "\u20ac", 1);
    }

    @Test
    void utf8BytesFedOneByOneInsertEachCharacterWhenItsLastByteArrives() {
        SecretLine line = lineOf("ab");
        line.moveTo(1);
        byte[] bytes = utf8(MIXED);
        int[] completesAt = {0, 2, 5, 9};
        int next = 0;
        for (int i = 0; i < bytes.length; i++) {
            boolean completes = next < completesAt.length && completesAt[next] == i;
            assertThat(line.insertUtf8(bytes[i])).as("byte %d completes a character", i).isEqualTo(completes);
            if (completes) {
                next++;
                assertThat(line.pendingUtf8Bytes()).isZero();
            } else {
                assertThat(line.pendingUtf8Bytes()).isPositive();
            }
        }
        assertLine(line, "a" + MIXED + "b", 5);
    }

    @Test
    void anIncompleteCharacterBlocksEditsUntilCompletedOrDiscarded() {
        SecretLine line = lineOf(MIXED);
        line.insertUtf8((byte) 0xE2);
        line.insertUtf8((byte) 0x82);
        assertThat(line.pendingUtf8Bytes()).isEqualTo(2);
        assertThatThrownBy(() -> line.insert('x')).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 of 3 bytes");
        assertThatThrownBy(line::left).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(line::deleteBefore).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> line.withBytes(b -> b.length)).isInstanceOf(IllegalStateException.class);
        line.discardPendingUtf8();
        assertThat(line.pendingUtf8Bytes()).isZero();
        assertLine(line, MIXED, 4);
        line.insertUtf8((byte) 0xF0);
        line.clear();
        assertThat(line.pendingUtf8Bytes()).isZero();
        assertLine(line, "", 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE, 0x110000, 0xD800, 0xDBFF, 0xDC00, 0xDFFF})
    void aCodePointThatIsNoCharacterIsRefusedNamingItAndTheLineIsUnchanged(int codePoint) {
        SecretLine line = lineOf(MIXED);
        line.moveTo(2);
        assertThatThrownBy(() -> line.insert(codePoint)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toHexString(codePoint).toUpperCase());
        assertLine(line, MIXED, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "BF", "C0", "C1", "F5", "FF", "E0 80", "E0 9F", "ED A0", "ED BF", "F0 8F",
        "F4 90", "C3 41", "C3 C3", "E2 82 41", "F0 9F 98 C3"})
    void invalidUtf8IsRefusedAtTheFirstBadByteAndTheLineIsUnchanged(String hexBytes) {
        String[] parts = hexBytes.split(" ");
        SecretLine line = lineOf(MIXED);
        line.moveTo(2);
        for (int i = 0; i < parts.length - 1; i++) {
            assertThat(line.insertUtf8((byte) Integer.parseInt(parts[i], 16))).isFalse();
        }
        int bad = Integer.parseInt(parts[parts.length - 1], 16);
        assertThatThrownBy(() -> line.insertUtf8((byte) bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad >= 0x80 ? "0x" + Integer.toHexString(bad).toUpperCase() : "ASCII");
        assertThat(line.pendingUtf8Bytes()).as("the incomplete character is dropped").isZero();
        assertLine(line, MIXED, 2);
        line.insert('x');
        assertLine(line, "a\u00e9x\u20ac\uD83D\uDE00", 3);
    }

    @Test
    void anInsertPastTheMaximumIsRefusedNamingTheLimitAndTheLineIsUnchanged() {
        SecretLine line = line(3);
        "a\uD83D\uDE00\u20ac".codePoints().forEach(line::insert);
        line.moveTo(1);
        assertThatThrownBy(() -> line.insert('x')).isInstanceOf(SecretLineFullException.class)
                .hasMessageContaining("3 code points")
                .satisfies(e -> assertThat(((SecretLineFullException) e).maxLength()).isEqualTo(3));
        assertThatThrownBy(() -> line.insertUtf8((byte) 0xE2)).isInstanceOf(SecretLineFullException.class);
        assertThat(line.pendingUtf8Bytes()).isZero();
        assertLine(line, "a\uD83D\uDE00\u20ac", 1);
        line.deleteAfter();
        line.insert(0x1F601);
        assertLine(line, "a\uD83D\uDE01\u20ac", 2);
    }

    @Test
    void aLongLineGrowsAndKeepsEveryByte() {
        SecretLine line = line(2000);
        StringBuilder expected = new StringBuilder();
        int[] cps = MIXED.codePoints().toArray();
        for (int i = 0; i < 600; i++) {
            line.insert(cps[i % 4]);
            expected.appendCodePoint(cps[i % 4]);
        }
        assertLine(line, expected.toString(), 600);
        line.moveTo(300);
        line.insert('|');
        String model = expected.toString();
        int split = model.offsetByCodePoints(0, 300);
        assertLine(line, model.substring(0, split) + "|" + model.substring(split), 301);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 5, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aCursorPositionOutsideTheLineIsRefusedNamingItAndTheLength(int position) {
        SecretLine line = lineOf(MIXED);
        line.moveTo(1);
        assertThatThrownBy(() -> line.moveTo(position)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining(String.valueOf(position)).hasMessageContaining("0..4");
        assertLine(line, MIXED, 1);
    }
}
