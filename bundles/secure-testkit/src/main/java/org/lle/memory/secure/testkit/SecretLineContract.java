package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;

/**
 * The rules of every {@link SecretLine} beyond editing: the ways out (comparisons, copy, scoped views wiped even on
 * exception), close, and the factory's limits. A provider's test extends this class and names its factory.
 */
public abstract class SecretLineContract extends SecretLineEditScopeContract {

    @Test
    void theCharsViewHoldsTheTextDuringTheScopeAndIsWipedAfter() {
        SecretLine line = lineOf(MIXED);
        AtomicReference<char[]> seen = new AtomicReference<>();
        String during = line.withChars(chars -> {
            seen.set(chars);
            return new String(chars);
        });
        assertThat(during).as("control: the view held the text").isEqualTo(MIXED);
        assertThat(seen.get()).hasSize(MIXED.length()).containsOnly('\0');
    }

    @Test
    void theCharsViewIsWipedWhenTheScopeThrowsAndTheExceptionPassesThrough() {
        SecretLine line = lineOf(MIXED);
        AtomicReference<char[]> seen = new AtomicReference<>();
        IOException thrown = new IOException("keystore refused the password");
        assertThatThrownBy(() -> line.withChars(chars -> {
            seen.set(chars);
            assertThat(new String(chars)).as("control: the view held the text").isEqualTo(MIXED);
            throw thrown;
        })).isSameAs(thrown);
        assertThat(seen.get()).containsOnly('\0');
        assertLine(line, MIXED, 4);
    }

    @Test
    void theBytesViewHoldsTheUtf8DuringTheScopeAndIsWipedAfterNormalExitAndException() {
        SecretLine line = lineOf(MIXED);
        AtomicReference<byte[]> seen = new AtomicReference<>();
        byte[] during = line.withBytes(bytes -> {
            seen.set(bytes);
            return bytes.clone();
        });
        assertThat(during).as("control: the view held the text").containsExactly(utf8(MIXED));
        assertThat(seen.get()).hasSize(10).containsOnly(0);

        RuntimeException thrown = new IllegalStateException("consumer failed");
        assertThatThrownBy(() -> line.withBytes(bytes -> {
            seen.set(bytes);
            throw thrown;
        })).isSameAs(thrown);
        assertThat(seen.get()).hasSize(10).containsOnly(0);
    }

    @Test
    void linesCompareEqualOnlyWithTheSameText() {
        SecretLine typed = lineOf(MIXED);
        SecretLine edited = lineOf("\u20acz\uD83D\uDE00");
        edited.moveTo(2);
        edited.deleteBefore();
        edited.home();
        edited.insert(0xE9);
        edited.home();
        edited.insert('a');
        assertThat(typed.contentEquals(edited)).isTrue();
        assertThat(edited.contentEquals(typed)).isTrue();
        assertThat(typed.contentEquals(typed)).isTrue();
        assertThat(typed.contentEquals(lineOf("b\u00e9\u20ac\uD83D\uDE00"))).as("first byte differs").isFalse();
        assertThat(typed.contentEquals(lineOf("a\u00e9\u20ac\uD83D\uDE01"))).as("last byte differs").isFalse();
        assertThat(typed.contentEquals(lineOf("a\u00e9\u20ac"))).as("a prefix").isFalse();
        assertThat(lineOf("a\u00e9\u20ac").contentEquals(typed)).as("longer").isFalse();
        assertThat(typed.contentEquals(line())).isFalse();
        assertThat(line().contentEquals(typed)).isFalse();
        assertThat(line().contentEquals(line())).isTrue();
        assertThat(typed.contentEquals((SecretLine) null)).isFalse();
        SecretLine closed = lineOf(MIXED);
        closed.close();
        assertThat(typed.contentEquals(closed)).isFalse();
    }

    @Test
    void charsCompareAsUtf16AndAnUnpairedSurrogateNeverMatches() {
        SecretLine emoji = lineOf("\uD83D\uDE00");
        assertThat(emoji.contentEquals(new char[] {'\uD83D', '\uDE00'})).isTrue();
        assertThat(emoji.contentEquals(new char[] {'\uD83D'})).isFalse();
        assertThat(emoji.contentEquals(new char[] {'\uDE00', '\uD83D'})).isFalse();
        assertThat(emoji.contentEquals(new char[] {'\uD83D', '\uDE00', 'a'})).isFalse();
        SecretLine a = lineOf("a");
        assertThat(a.contentEquals(new char[] {'a', '\uD83D'})).isFalse();
        assertThat(a.contentEquals(new char[] {'b'})).isFalse();
        assertThat(a.contentEquals(new char[0])).isFalse();
        assertThat(line().contentEquals(new char[0])).isTrue();
        assertThat(line().contentEquals(new char[] {'a'})).isFalse();
        assertThat(a.contentEquals((char[]) null)).isFalse();
    }

    @Test
    void bytesCompareExactly() {
        SecretLine line = lineOf(MIXED);
        byte[] same = utf8(MIXED);
        assertThat(line.contentEquals(same)).isTrue();
        same[9] ^= 1;
        assertThat(line.contentEquals(same)).as("last byte differs").isFalse();
        assertThat(line.contentEquals(utf8("a\u00e9\u20ac"))).as("a prefix").isFalse();
        assertThat(line.contentEquals(utf8(MIXED + "x"))).as("longer").isFalse();
        assertThat(line.contentEquals(new byte[0])).isFalse();
        assertThat(line().contentEquals(new byte[0])).isTrue();
        assertThat(line.contentEquals((byte[]) null)).isFalse();
    }

    @Test
    void copyToWritesTheUtf8IntoAnotherSecureBufferOrNothingWhenItDoesNotFit() {
        SecretLine line = lineOf(MIXED);
        line.moveTo(2);
        try (SecureBuffer target = factory.memory().allocate(20); SecureBuffer small = factory.memory().allocate(12)) {
            assertThat(line.copyTo(target, 3)).isEqualTo(10);
            byte[] expected = new byte[20];
            System.arraycopy(utf8(MIXED), 0, expected, 3, 10);
            byte[] actual = new byte[20];
            target.read(0, actual, 0, 20);
            assertThat(actual).containsExactly(expected);

            assertThatThrownBy(() -> line.copyTo(small, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("10 bytes").hasMessageContaining("index 3").hasMessageContaining("12 bytes");
            assertThatThrownBy(() -> line.copyTo(small, -1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(small.contentEquals(new byte[12])).as("nothing written").isTrue();
            assertThat(line.copyTo(small, 2)).isEqualTo(10);
        }
    }

    @Test
    void closeIsIdempotentAndEveryLaterEditOrWayOutThrowsIllegalState() {
        SecretLine line = lineOf(MIXED);
        SecretLine other = lineOf("x");
        assertThat(line.isLocked()).isEqualTo(expectLocked());
        line.close();
        line.close();
        assertThat(line.isClosed()).isTrue();
        assertThat(line.isLocked()).isFalse();
        SecureBuffer target = factory.memory().allocate(16);
        List<Consumer<SecretLine>> calls = List.of(l -> l.insert('a'), l -> l.insertUtf8((byte) 'a'),
                SecretLine::deleteBefore, SecretLine::deleteAfter, SecretLine::left, SecretLine::right,
                SecretLine::home, SecretLine::end, l -> l.moveTo(0), SecretLine::deleteToStart,
                SecretLine::deleteToEnd, SecretLine::deleteWordBefore, SecretLine::clear,
                SecretLine::discardPendingUtf8, l -> l.contentEquals(new byte[0]), l -> l.contentEquals(new char[0]),
                l -> l.contentEquals(other), l -> l.withChars(c -> c.length), l -> l.withBytes(b -> b.length),
                l -> l.copyTo(target, 0));
        for (int i = 0; i < calls.size(); i++) {
            int call = i;
            assertThatThrownBy(() -> calls.get(call).accept(line)).as("call %d after close", call)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThat(target.contentEquals(new byte[16])).as("nothing copied").isTrue();
        target.close();
    }

    @Test
    void aCloseRacingWithEditsGivesTheEditorOnlyIllegalState() throws Exception {
        for (int round = 0; round < 20; round++) {
            SecretLine line = line(10_000);
            CountDownLatch started = new CountDownLatch(1);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Thread editor = new Thread(() -> {
                started.countDown();
                try {
                    while (true) {
                        for (int i = 0; i < 40; i++) {
                            line.insert(0x1F600);
                        }
                        line.left();
                        line.deleteBefore();
                        line.deleteToStart();
                        line.deleteToEnd();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            editor.start();
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            line.close();
            editor.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(editor.isAlive()).isFalse();
            assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(SecretLineFullException.class);
            assertThat(line.isClosed()).isTrue();
        }
    }

    @Test
    void theFactoryRefusesAMaximumOutsideItsRangeNamingTheValueAndTheLimit() {
        int limit = factory.maxLengthLimit();
        assertThat(limit).isPositive();
        assertThat(line().maxLength()).isEqualTo(factory.defaultMaxLength());
        for (int bad : new int[] {0, -1, limit + 1, Integer.MAX_VALUE}) {
            if (bad == limit + 1 && limit == Integer.MAX_VALUE) {
                continue;
            }
            assertThatThrownBy(() -> factory.create(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(bad)).hasMessageContaining(String.valueOf(limit));
        }
        assertThatCode(() -> line(1).insert(0x10FFFF)).doesNotThrowAnyException();
    }

    @Test
    void everyOpenLineIsIndependent() {
        List<SecretLine> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(lineOf("line " + i + MIXED));
        }
        for (int i = 0; i < 8; i++) {
            assertLine(lines.get(i), "line " + i + MIXED, 10);
        }
    }
}
