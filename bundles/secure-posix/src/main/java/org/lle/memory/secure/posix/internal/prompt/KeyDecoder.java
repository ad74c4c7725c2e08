package org.lle.memory.secure.posix.internal.prompt;

/**
 * Turns the bytes a terminal sends into {@link Key}s, one byte at a time. It keeps state only for escape
 * sequences (never for text: a text byte is handed back as {@link Key#TEXT} at once and the caller feeds it
 * into the line), so nothing typed is held here.
 *
 * <p>Recognised: Enter ({@code CR} or {@code LF}), Backspace ({@code DEL} or {@code BS}), Ctrl-A/E/B/F (home,
 * end, left, right), Ctrl-U/K/W, Ctrl-D, Ctrl-C; and the sequences {@code ESC [ C/D/H/F}, {@code ESC O C/D/H/F},
 * {@code ESC [ n ~} (1/7 Home, 4/8 End, 3 Delete); an arrow with a modifier ({@code ESC [ 1 ; 5 C}) moves as the
 * plain arrow does. Other sequences are swallowed whole, never typed as text. Escape alone is a cancel; since its byte starts every
 * sequence too, the caller decides that when nothing follows it within a short wait ({@link #awaitingEscape()}).
 */
final class KeyDecoder {
    private static final int ESC = 0x1b;

    private enum State { TEXT, ESCAPE, CSI, SS3 }

    private State state = State.TEXT;
    private int parameter;

    /** @return what {@code b} (0..255) means */
    Key feed(int b) {
        switch (state) {
            case ESCAPE:
                return afterEscape(b);
            case CSI:
                return inCsi(b);
            case SS3:
                state = State.TEXT;
                return letter(b);
            default:
                return plain(b);
        }
    }

    /** @return whether the last byte was a lone Escape: a cancel unless a sequence follows at once */
    boolean awaitingEscape() {
        return state == State.ESCAPE;
    }

    /** @return whether an escape sequence is incomplete (a lone Escape included) */
    boolean inSequence() {
        return state != State.TEXT;
    }

    /** Drops an incomplete sequence (nothing more arrived): a lone Escape becomes {@link Key#CANCEL}. */
    Key timeOut() {
        State was = state;
        state = State.TEXT;
        return was == State.ESCAPE ? Key.CANCEL : Key.IGNORED;
    }

    private Key plain(int b) {
        if (b >= 0x20 && b != 0x7f) {
            return Key.TEXT; // printable ASCII and every byte of a multi-byte UTF-8 character
        }
        return switch (b) {
            case '\r', '\n' -> Key.ENTER;
            case 0x7f, 0x08 -> Key.BACKSPACE;
            case 0x01 -> Key.HOME;
            case 0x05 -> Key.END;
            case 0x02 -> Key.LEFT;
            case 0x06 -> Key.RIGHT;
            case 0x15 -> Key.DELETE_TO_START;
            case 0x0b -> Key.DELETE_TO_END;
            case 0x17 -> Key.DELETE_WORD_BEFORE;
            case 0x04 -> Key.CTRL_D;
            case 0x03 -> Key.CANCEL;
            case ESC -> {
                state = State.ESCAPE;
                yield Key.PENDING;
            }
            default -> Key.IGNORED;
        };
    }

    private Key afterEscape(int b) {
        if (b == '[') {
            state = State.CSI;
            parameter = 0;
            return Key.PENDING;
        }
        if (b == 'O') {
            state = State.SS3;
            return Key.PENDING;
        }
        state = State.TEXT;
        if (b == ESC) {
            return Key.CANCEL; // Escape pressed twice: no sequence starts like that
        }
        return Key.IGNORED; // Alt+key: no meaning here
    }

    private Key inCsi(int b) {
        if (b >= '0' && b <= '9') {
            parameter = Math.min(parameter * 10 + (b - '0'), 1000);
            return Key.PENDING;
        }
        if (b >= 0x20 && b <= 0x3f) {
            return Key.PENDING; // ';' and other parameter or intermediate bytes (modifiers): read on
        }
        state = State.TEXT;
        if (b == '~') {
            return switch (parameter) {
                case 1, 7 -> Key.HOME;
                case 4, 8 -> Key.END;
                case 3 -> Key.DELETE;
                default -> Key.IGNORED;
            };
        }
        return b >= 0x40 && b <= 0x7e ? letter(b) : Key.IGNORED;
    }

    private static Key letter(int b) {
        return switch (b) {
            case 'C' -> Key.RIGHT;
            case 'D' -> Key.LEFT;
            case 'H' -> Key.HOME;
            case 'F' -> Key.END;
            default -> Key.IGNORED;
        };
    }
}
