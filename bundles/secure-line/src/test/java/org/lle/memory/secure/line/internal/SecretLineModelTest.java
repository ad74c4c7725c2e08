package org.lle.memory.secure.line.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;
import org.lle.memory.secure.testkit.RecordingSecureMemory;

/**
 * Random edit sequences against a model (a list of code points and a cursor). After every step the line's one open
 * buffer holds exactly the text before the cursor, then zeros, then the text after it: the gap is wiped, nothing
 * deleted or moved lingers. Every buffer the line gave up (growth) was wiped.
 */
class SecretLineModelTest {

    enum Kind {
        INSERT, INSERT_UTF8, DELETE_BEFORE, DELETE_AFTER, LEFT, RIGHT, HOME, END, MOVE_TO, DELETE_TO_START,
        DELETE_TO_END, DELETE_WORD_BEFORE, CLEAR, BAD_CODE_POINT, BAD_UTF8
    }

    record Op(Kind kind, int value) {
    }

    @Provide
    Arbitrary<List<Op>> edits() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between('a', 'e')),
                Tuple.of(2, Arbitraries.of((int) ' ', 0x3000, (int) '\t')),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        Arbitrary<Op> inserts = Combinators.combine(Arbitraries.of(Kind.INSERT, Kind.INSERT_UTF8), codePoints)
                .as(Op::new);
        Arbitrary<Op> others = Combinators.combine(Arbitraries.of(Kind.values()),
                Arbitraries.integers().between(0, 1000)).as(Op::new);
        return Arbitraries.frequencyOf(Tuple.of(3, inserts), Tuple.of(2, others)).list().ofMaxSize(150);
    }

    @Property(tries = 300)
    void everyEditMatchesTheModelAndTheGapIsAlwaysWiped(@ForAll("edits") List<Op> edits) {
        checkAgainstTheModel(edits, false);
    }

    /** The same inside one edit scope, whose insert and delete-before take their own path through the open view. */
    @Property(tries = 300)
    void everyEditInsideAnEditScopeMatchesTheModelAndTheGapIsAlwaysWiped(@ForAll("edits") List<Op> edits) {
        checkAgainstTheModel(edits, true);
    }

    private static void checkAgainstTheModel(List<Op> edits, boolean inScope) {
        RecordingSecureMemory memory = new RecordingSecureMemory("recording");
        List<Integer> model = new ArrayList<>();
        int cursor = 0;
        int maxLength = 40;
        try (SecretLine line = new SecureMemorySecretLineFactory(memory, maxLength).create();
                SecretLine.EditScope scope = inScope ? line.openEditScope() : () -> { }) {
            for (Op op : edits) {
                cursor = apply(line, op, model, cursor, maxLength);
                assertMatches(line, memory, model, cursor);
            }
            assertThat(line.contentEquals(utf8(model, 0, model.size()))).isTrue();
            String viewed = line.withChars(String::new);
            assertThat(viewed).isEqualTo(text(model, 0, model.size()));
        }
        assertThat(memory.openBuffers()).isZero();
        assertThat(memory.closedButNotWiped()).isEmpty();
    }

    private static int apply(SecretLine line, Op op, List<Integer> model, int cursor, int maxLength) {
        switch (op.kind()) {
            case INSERT, INSERT_UTF8 -> {
                if (model.size() == maxLength) {
                    assertThatThrownBy(() -> insert(line, op)).isInstanceOf(SecretLineFullException.class);
                    return cursor;
                }
                insert(line, op);
                model.add(cursor, op.value());
                return cursor + 1;
            }
            case DELETE_BEFORE -> {
                assertThat(line.deleteBefore()).isEqualTo(cursor > 0);
                if (cursor > 0) {
                    model.remove(--cursor);
                }
                return cursor;
            }
            case DELETE_AFTER -> {
                assertThat(line.deleteAfter()).isEqualTo(cursor < model.size());
                if (cursor < model.size()) {
                    model.remove(cursor);
                }
                return cursor;
            }
            case LEFT -> {
                assertThat(line.left()).isEqualTo(cursor > 0);
                return Math.max(0, cursor - 1);
            }
            case RIGHT -> {
                assertThat(line.right()).isEqualTo(cursor < model.size());
                return Math.min(model.size(), cursor + 1);
            }
            case HOME -> {
                line.home();
                return 0;
            }
            case END -> {
                line.end();
                return model.size();
            }
            case MOVE_TO -> {
                int to = op.value() % (model.size() + 1);
                line.moveTo(to);
                return to;
            }
            case DELETE_TO_START -> {
                assertThat(line.deleteToStart()).isEqualTo(cursor);
                model.subList(0, cursor).clear();
                return 0;
            }
            case DELETE_TO_END -> {
                assertThat(line.deleteToEnd()).isEqualTo(model.size() - cursor);
                model.subList(cursor, model.size()).clear();
                return cursor;
            }
            case DELETE_WORD_BEFORE -> {
                int start = cursor;
                while (start > 0 && Character.isWhitespace(model.get(start - 1))) {
                    start--;
                }
                while (start > 0 && !Character.isWhitespace(model.get(start - 1))) {
                    start--;
                }
                assertThat(line.deleteWordBefore()).isEqualTo(cursor - start);
                model.subList(start, cursor).clear();
                return start;
            }
            case CLEAR -> {
                line.clear();
                model.clear();
                return 0;
            }
            case BAD_CODE_POINT -> {
                int bad = Character.MIN_SURROGATE + op.value();
                assertThatThrownBy(() -> line.insert(bad)).isInstanceOf(IllegalArgumentException.class);
                return cursor;
            }
            case BAD_UTF8 -> {
                if (model.size() < maxLength) {
                    line.insertUtf8((byte) 0xF0);
                    line.insertUtf8((byte) 0x9F);
                    assertThatThrownBy(() -> line.insertUtf8((byte) 'x')).isInstanceOf(IllegalArgumentException.class);
                }
                return cursor;
            }
            default -> throw new AssertionError(op);
        }
    }

    private static void insert(SecretLine line, Op op) {
        if (op.kind() == Kind.INSERT) {
            line.insert(op.value());
            return;
        }
        byte[] bytes = new String(Character.toChars(op.value())).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            assertThat(line.insertUtf8(bytes[i])).isEqualTo(i == bytes.length - 1);
        }
    }

    private static void assertMatches(SecretLine line, RecordingSecureMemory memory, List<Integer> model, int cursor) {
        assertThat(line.cursor()).as("cursor").isEqualTo(cursor);
        assertThat(line.length()).as("length").isEqualTo(model.size());
        byte[] before = utf8(model, 0, cursor);
        byte[] after = utf8(model, cursor, model.size());
        assertThat(line.byteLength()).isEqualTo(before.length + after.length);
        List<SecureBuffer> open = memory.buffers().stream().filter(b -> !b.isClosed()).map(SecureBuffer.class::cast)
                .toList();
        assertThat(open).as("the line holds one buffer").hasSize(1);
        SecureBuffer buffer = open.get(0);
        byte[] raw = new byte[buffer.size()];
        buffer.read(0, raw, 0, raw.length);
        byte[] expected = new byte[raw.length];
        System.arraycopy(before, 0, expected, 0, before.length);
        System.arraycopy(after, 0, expected, raw.length - after.length, after.length);
        assertThat(raw).as("text before the cursor, a wiped gap, text after it").containsExactly(expected);
        assertThat(memory.closedButNotWiped()).as("buffers given up in growth").isEmpty();
    }

    private static String text(List<Integer> model, int from, int to) {
        StringBuilder sb = new StringBuilder();
        model.subList(from, to).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static byte[] utf8(List<Integer> model, int from, int to) {
        return text(model, from, to).getBytes(StandardCharsets.UTF_8);
    }
}
