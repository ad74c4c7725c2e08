package org.lle.memory.secure.posix.internal.prompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Shows one mask character per code point of the line and puts the terminal's cursor where the line's cursor
 * is, with ANSI cursor moves. It knows only lengths and positions, never the text. With no mask it shows
 * nothing (and cursor moves are not shown either: there is nothing to move over).
 */
final class MaskEcho {
    private static final byte[] ERASE_TO_END = "\u001b[K".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BELL = {0x07};

    private final PromptOutput out;
    private final byte[] mask;
    /** What the terminal shows now: masks, and the cursor's column among them. */
    private int shownLength;
    private int shownCursor;

    /** @param mask the code point to show, or 0 for none */
    MaskEcho(PromptOutput out, int mask) {
        this.out = out;
        this.mask = mask == 0 ? null : new String(Character.toChars(mask)).getBytes(StandardCharsets.UTF_8);
    }

    /** Brings the display to a line of {@code length} code points with the cursor after {@code cursor} of them. */
    void show(int length, int cursor) throws IOException {
        if (mask == null || (length == shownLength && cursor == shownCursor)) {
            return;
        }
        java.io.ByteArrayOutputStream draw = new java.io.ByteArrayOutputStream();
        if (length == shownLength + 1 && cursor == length && shownCursor == shownLength) {
            draw.write(mask, 0, mask.length); // typed at the end: one more mask
        } else if (length == shownLength) {
            moveBy(draw, cursor - shownCursor); // only the cursor moved
        } else {
            moveBy(draw, -shownCursor); // redraw every mask from the start of the input
            for (int i = 0; i < length; i++) {
                draw.write(mask, 0, mask.length);
            }
            draw.write(ERASE_TO_END, 0, ERASE_TO_END.length);
            moveBy(draw, cursor - length);
        }
        out.write(draw.toByteArray());
        shownLength = length;
        shownCursor = cursor;
    }

    /** Rings the terminal's bell: a key that could not be applied (line full, invalid UTF-8). */
    void beep() throws IOException {
        if (mask != null) {
            out.write(BELL);
        }
    }

    private static void moveBy(java.io.ByteArrayOutputStream draw, int columns) {
        if (columns != 0) {
            byte[] move = ("\u001b[" + Math.abs(columns) + (columns > 0 ? "C" : "D")).getBytes(StandardCharsets.US_ASCII);
            draw.write(move, 0, move.length);
        }
    }
}
