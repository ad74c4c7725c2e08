package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;

/**
 * Applies {@link Key}s to a {@link SecretLine} and keeps the {@link MaskEcho} in step. A text byte goes into
 * the line with {@link SecretLine#insertUtf8(byte)}, so an unfinished multi-byte character waits in secure
 * memory, not here. A key the line refuses (full, invalid UTF-8) rings the bell and the prompt goes on.
 */
final class LineEditor {
    private final SecretLine line;
    private final MaskEcho echo;

    LineEditor(SecretLine line, MaskEcho echo) {
        this.line = line;
        this.echo = echo;
    }

    /**
     * @param key what {@code b} means
     * @param b the byte, {@code 0..255}
     * @return how the prompt ends, or {@code null} to go on
     */
    PromptOutcome apply(Key key, int b) throws IOException {
        if (key == Key.TEXT) {
            insert(b);
            return null;
        }
        if (key == Key.PENDING || key == Key.IGNORED) {
            return null;
        }
        if (line.pendingUtf8Bytes() > 0) {
            line.discardPendingUtf8(); // a character cut short by a control key is dropped, not half inserted
            echo.beep();
        }
        switch (key) {
            case ENTER:
                return PromptOutcome.COMPLETED;
            case CANCEL:
                return PromptOutcome.CANCELLED;
            case CTRL_D:
                if (line.isEmpty()) {
                    return PromptOutcome.END_OF_INPUT;
                }
                line.deleteAfter();
                break;
            case BACKSPACE:
                line.deleteBefore();
                break;
            case DELETE:
                line.deleteAfter();
                break;
            case LEFT:
                line.left();
                break;
            case RIGHT:
                line.right();
                break;
            case HOME:
                line.home();
                break;
            case END:
                line.end();
                break;
            case DELETE_TO_START:
                line.deleteToStart();
                break;
            case DELETE_TO_END:
                line.deleteToEnd();
                break;
            case DELETE_WORD_BEFORE:
                line.deleteWordBefore();
                break;
            default:
                return null;
        }
        echo.show(line.length(), line.cursor());
        return null;
    }

    /** The input ended: what was typed counts (an unfinished character is dropped). */
    PromptOutcome endOfInput() {
        if (line.pendingUtf8Bytes() > 0) {
            line.discardPendingUtf8();
        }
        return line.isEmpty() ? PromptOutcome.END_OF_INPUT : PromptOutcome.COMPLETED;
    }

    private void insert(int b) throws IOException {
        try {
            if (line.insertUtf8((byte) b)) {
                echo.show(line.length(), line.cursor());
            }
        } catch (SecretLineFullException | IllegalArgumentException refused) {
            echo.beep();
        }
    }
}
