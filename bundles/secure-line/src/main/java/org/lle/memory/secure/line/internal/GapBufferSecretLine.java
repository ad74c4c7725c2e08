package org.lle.memory.secure.line.internal;

import java.util.Objects;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.BytesFunction;
import org.lle.memory.secure.line.CharsFunction;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFullException;

/**
 * A {@link SecretLine} over a {@link SecureGapBuffer}. The line keeps only counts on the Java heap (code points
 * before and after the cursor, bytes of an incomplete character); every byte of text, an incomplete character's
 * included, stays in secure memory. Decoding happens in local variables, never in fields.
 */
final class GapBufferSecretLine implements SecretLine {
    /** The first buffer: enough for a typical passphrase in any script, small enough to cost nothing. */
    static final int INITIAL_CAPACITY = 64;

    private final SecureGapBuffer text;
    private final int maxLength;
    /** Code points before the cursor and after it: an edit at the cursor updates one of them. */
    private int cursor;
    private int after;
    private int pending;
    private int pendingExpected;

    GapBufferSecretLine(SecureMemory memory, int maxLength) {
        this.maxLength = maxLength;
        int maxBytes = Math.multiplyExact(maxLength, 4);
        this.text = new SecureGapBuffer(memory, Math.min(INITIAL_CAPACITY, maxBytes), maxBytes);
    }

    @Override
    public int length() {
        return cursor + after;
    }

    @Override
    public int byteLength() {
        return text.byteLength();
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int cursor() {
        return cursor;
    }

    @Override
    public void insert(int codePoint) {
        if (pending == 0 && text.inScope()) {
            // in the edit scope: the same checks in the same order, then plain field updates and the view's stores
            int n = Utf8.checkedLength(codePoint);
            checkRoom();
            if (text.insertInScope(codePoint, n)) {
                cursor++;
                return;
            }
        }
        checkEditable();
        int n = Utf8.checkedLength(codePoint);
        checkRoom();
        text.ensureGap(n);
        text.insert(codePoint, n);
        cursor++;
    }

    @Override
    public boolean insertUtf8(byte b) {
        text.checkOpen();
        if (pending == 0) {
            int n = Utf8.sequenceLength(b);
            checkRoom();
            text.ensureGap(n);
            text.putInGap(0, b);
            if (n == 1) {
                committed(1);
                return true;
            }
            pending = 1;
            pendingExpected = n;
            return false;
        }
        try {
            Utf8.checkContinuation(text.getInGap(0), pending, b);
        } catch (IllegalArgumentException e) {
            discardPendingUtf8();
            throw e;
        }
        text.putInGap(pending, b);
        if (++pending < pendingExpected) {
            return false;
        }
        int n = pendingExpected;
        pending = 0;
        pendingExpected = 0;
        committed(n);
        return true;
    }

    @Override
    public int pendingUtf8Bytes() {
        return pending;
    }

    @Override
    public void discardPendingUtf8() {
        text.checkOpen();
        text.wipeGapStart(pending);
        pending = 0;
        pendingExpected = 0;
    }

    @Override
    public boolean deleteBefore() {
        int before = cursor;
        if (pending == 0 && text.inScope()) {
            if (before == 0) {
                return false;
            }
            text.deleteCharBeforeInScope(before);
            cursor = before - 1;
            return true;
        }
        checkEditable();
        if (before == 0) {
            return false;
        }
        text.deleteCharBefore(before);
        cursor = before - 1;
        return true;
    }

    @Override
    public boolean deleteAfter() {
        checkEditable();
        if (after == 0) {
            return false;
        }
        text.deleteCharAfter();
        after--;
        return true;
    }

    @Override
    public boolean left() {
        checkEditable();
        if (cursor == 0) {
            return false;
        }
        text.moveCharLeft();
        cursor--;
        after++;
        return true;
    }

    @Override
    public boolean right() {
        checkEditable();
        if (after == 0) {
            return false;
        }
        text.moveCharRight();
        cursor++;
        after--;
        return true;
    }

    @Override
    public void home() {
        moveTo(0);
    }

    @Override
    public void end() {
        checkEditable();
        moveTo(length());
    }

    @Override
    public void moveTo(int position) {
        checkEditable();
        int length = length();
        if (position < 0 || position > length) {
            throw new IndexOutOfBoundsException("cursor position " + position + " is outside 0.." + length
                    + " (the line's length in code points)");
        }
        while (cursor > position) {
            left();
        }
        while (cursor < position) {
            right();
        }
    }

    @Override
    public int deleteToStart() {
        checkEditable();
        int deleted = cursor;
        text.clearBefore();
        cursor = 0;
        return deleted;
    }

    @Override
    public int deleteToEnd() {
        checkEditable();
        int deleted = after;
        text.clearAfter();
        after = 0;
        return deleted;
    }

    @Override
    public int deleteWordBefore() {
        checkEditable();
        int deleted = 0;
        while (cursor > 0 && Character.isWhitespace(codePointBefore())) {
            deleteBefore();
            deleted++;
        }
        while (cursor > 0 && !Character.isWhitespace(codePointBefore())) {
            deleteBefore();
            deleted++;
        }
        return deleted;
    }

    @Override
    public void clear() {
        text.checkOpen();
        text.clear();
        cursor = 0;
        after = 0;
        pending = 0;
        pendingExpected = 0;
    }

    @Override
    public boolean contentEquals(SecretLine other) {
        checkEditable();
        if (other == null || other.isClosed()) {
            return false;
        }
        if (other instanceof GapBufferSecretLine) {
            return SecretLineViews.contentEquals(text, ((GapBufferSecretLine) other).text);
        }
        return other.withBytes(this::contentEquals);
    }

    @Override
    public boolean contentEquals(char[] chars) {
        checkEditable();
        return chars != null && SecretLineViews.contentEquals(text, chars);
    }

    @Override
    public boolean contentEquals(byte[] utf8) {
        checkEditable();
        return utf8 != null && SecretLineViews.contentEquals(text, utf8);
    }

    @Override
    public int copyTo(SecureBuffer target, int index) {
        checkEditable();
        Objects.requireNonNull(target, "target");
        return SecretLineViews.copyTo(text, target, index);
    }

    @Override
    public <R, X extends Exception> R withChars(CharsFunction<R, X> action) throws X {
        checkEditable();
        Objects.requireNonNull(action, "action");
        return SecretLineViews.withChars(text, action);
    }

    @Override
    public <R, X extends Exception> R withBytes(BytesFunction<R, X> action) throws X {
        checkEditable();
        Objects.requireNonNull(action, "action");
        return SecretLineViews.withBytes(text, action);
    }

    @Override
    public boolean isLocked() {
        return !text.isClosed() && text.isLocked();
    }

    @Override
    public boolean isClosed() {
        return text.isClosed();
    }

    @Override
    public EditScope openEditScope() {
        int number = text.openView();
        return () -> text.closeView(number);
    }

    @Override
    public void close() {
        text.close();
    }

    @Override
    public String toString() {
        // Counts only: the text never goes into a String.
        return "SecretLine[" + length() + "/" + maxLength + " code points, " + (isClosed() ? "closed" : "open") + "]";
    }

    private void committed(int bytes) {
        text.commit(bytes);
        cursor++;
    }

    private void checkEditable() {
        text.checkOpen();
        if (pending != 0) {
            throw new IllegalStateException("an incomplete UTF-8 character is pending (" + pending + " of "
                    + pendingExpected + " bytes): feed the rest with insertUtf8, or discardPendingUtf8()");
        }
    }

    /** @return the code point before the cursor, decoded in locals; there must be one */
    private int codePointBefore() {
        int end = text.before();
        int start = end - 1;
        while (Utf8.isContinuation(text.byteAt(start))) {
            start--;
        }
        int lead = text.byteAt(start) & 0xFF;
        int n = end - start;
        int cp = n == 1 ? lead : n == 2 ? lead & 0x1F : n == 3 ? lead & 0x0F : lead & 0x07;
        for (int i = start + 1; i < end; i++) {
            cp = cp << 6 | text.byteAt(i) & 0x3F;
        }
        return cp;
    }

    private void checkRoom() {
        if (cursor + after >= maxLength) {
            throw new SecretLineFullException(maxLength);
        }
    }
}
