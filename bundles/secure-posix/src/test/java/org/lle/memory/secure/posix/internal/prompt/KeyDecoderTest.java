package org.lle.memory.secure.posix.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes terminals send for each key, as xterm, the Linux console and tmux send them. */
class KeyDecoderTest {

    private static List<Key> decode(String bytes) {
        KeyDecoder decoder = new KeyDecoder();
        List<Key> keys = new ArrayList<>();
        for (byte b : bytes.getBytes(StandardCharsets.ISO_8859_1)) {
            Key k = decoder.feed(b & 0xff);
            if (k != Key.PENDING) {
                keys.add(k);
            }
        }
        if (decoder.inSequence()) {
            keys.add(decoder.timeOut());
        }
        return keys;
    }

    @Test
    void printableAsciiAndEveryByteOfMultiByteUtf8AreText() {
        String euro = new String("€".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(decode("a ~" + euro)).containsExactly(Key.TEXT, Key.TEXT, Key.TEXT, Key.TEXT, Key.TEXT, Key.TEXT);
    }

    @Test
    void controlKeys() {
        assertThat(decode("\r\n\u007f\u0008\u0001\u0005\u0002\u0006\u0015\u000b\u0017\u0004\u0003\u0007")).containsExactly(
                Key.ENTER, Key.ENTER, Key.BACKSPACE, Key.BACKSPACE, Key.HOME, Key.END, Key.LEFT, Key.RIGHT,
                Key.DELETE_TO_START, Key.DELETE_TO_END, Key.DELETE_WORD_BEFORE, Key.CTRL_D, Key.CANCEL, Key.IGNORED);
    }

    @Test
    void arrowsHomeEndAndDeleteInBothCursorModesAndTheTildeForms() {
        assertThat(decode("\u001b[C\u001b[D\u001b[H\u001b[F")).containsExactly(Key.RIGHT, Key.LEFT, Key.HOME, Key.END);
        assertThat(decode("\u001bOC\u001bOD\u001bOH\u001bOF")).containsExactly(Key.RIGHT, Key.LEFT, Key.HOME, Key.END);
        assertThat(decode("\u001b[1~\u001b[7~\u001b[4~\u001b[8~\u001b[3~"))
                .containsExactly(Key.HOME, Key.HOME, Key.END, Key.END, Key.DELETE);
    }

    @Test
    void aLoneEscapeCancelsOnlyWhenNothingFollows() {
        assertThat(decode("\u001b")).containsExactly(Key.CANCEL);
        assertThat(decode("\u001b\u001b")).containsExactly(Key.CANCEL);
        assertThat(decode("\u001b[D")).containsExactly(Key.LEFT);
    }

    @Test
    void unknownSequencesAndModifiedKeysAreSwallowedWholeNotTypedAsText() {
        // F5, Alt+x, Page Up: none may leave bytes that become text
        assertThat(decode("\u001b[15~\u001bx\u001b[5~")).containsOnly(Key.IGNORED);
        assertThat(decode("\u001b[1;5C\u001b[1;2D")).as("modified arrows move as plain ones").containsExactly(Key.RIGHT, Key.LEFT);
        assertThat(decode("\u001b[15~a")).containsExactly(Key.IGNORED, Key.TEXT);
    }

    @Test
    void anUnfinishedSequenceTimesOutAsIgnoredNotCancel() {
        KeyDecoder decoder = new KeyDecoder();
        decoder.feed(0x1b);
        decoder.feed('[');
        assertThat(decoder.awaitingEscape()).isFalse();
        assertThat(decoder.timeOut()).isEqualTo(Key.IGNORED);
        assertThat(decoder.feed('a')).isEqualTo(Key.TEXT);
    }
}
