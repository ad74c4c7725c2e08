package org.lle.memory.shell.prompt;

import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.line.BytesFunction;
import org.lle.memory.secure.line.CharsFunction;
import org.lle.memory.secure.line.SecretLine;

/** A real line that throws from its {@code failAt}-th {@link #insertUtf8(byte)}: an exception from inside the prompt. */
final class ThrowingLine implements SecretLine {
    static final String MESSAGE = "injected failure inside the prompt";
    private final SecretLine line;
    private final int failAt;
    private int inserts;

    ThrowingLine(SecretLine line, int failAt) {
        this.line = line;
        this.failAt = failAt;
    }

    @Override
    public boolean insertUtf8(byte b) {
        if (++inserts == failAt) {
            throw new IllegalStateException(MESSAGE);
        }
        return line.insertUtf8(b);
    }

    @Override
    public int length() {
        return line.length();
    }

    @Override
    public int byteLength() {
        return line.byteLength();
    }

    @Override
    public int maxLength() {
        return line.maxLength();
    }

    @Override
    public int cursor() {
        return line.cursor();
    }

    @Override
    public void insert(int codePoint) {
        line.insert(codePoint);
    }

    @Override
    public int pendingUtf8Bytes() {
        return line.pendingUtf8Bytes();
    }

    @Override
    public void discardPendingUtf8() {
        line.discardPendingUtf8();
    }

    @Override
    public boolean deleteBefore() {
        return line.deleteBefore();
    }

    @Override
    public boolean deleteAfter() {
        return line.deleteAfter();
    }

    @Override
    public boolean left() {
        return line.left();
    }

    @Override
    public boolean right() {
        return line.right();
    }

    @Override
    public void home() {
        line.home();
    }

    @Override
    public void end() {
        line.end();
    }

    @Override
    public void moveTo(int cursor) {
        line.moveTo(cursor);
    }

    @Override
    public int deleteToStart() {
        return line.deleteToStart();
    }

    @Override
    public int deleteToEnd() {
        return line.deleteToEnd();
    }

    @Override
    public int deleteWordBefore() {
        return line.deleteWordBefore();
    }

    @Override
    public void clear() {
        line.clear();
    }

    @Override
    public boolean contentEquals(SecretLine other) {
        return line.contentEquals(other);
    }

    @Override
    public boolean contentEquals(char[] chars) {
        return line.contentEquals(chars);
    }

    @Override
    public boolean contentEquals(byte[] utf8) {
        return line.contentEquals(utf8);
    }

    @Override
    public int copyTo(SecureBuffer target, int index) {
        return line.copyTo(target, index);
    }

    @Override
    public <R, X extends Exception> R withChars(CharsFunction<R, X> action) throws X {
        return line.withChars(action);
    }

    @Override
    public <R, X extends Exception> R withBytes(BytesFunction<R, X> action) throws X {
        return line.withBytes(action);
    }

    @Override
    public boolean isLocked() {
        return line.isLocked();
    }

    @Override
    public boolean isClosed() {
        return line.isClosed();
    }

    @Override
    public void close() {
        line.close();
    }
}
