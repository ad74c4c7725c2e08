package org.lle.memory.secure.line;

import org.lle.memory.secure.SecureBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An editable line of secret text, held as UTF-8 in secure memory. Positions and lengths count code points
 * (what a person sees as one character, an emoji included), never bytes or {@code char}s, except
 * {@link #byteLength()}.
 *
 * <p>The text never leaves secure memory except through {@link #contentEquals(SecretLine)} and its siblings,
 * {@link #copyTo(SecureBuffer, int)}, and the scoped views {@link #withChars(CharsFunction)} and
 * {@link #withBytes(BytesFunction)}, whose arrays are wiped when the scope ends. When the line grows, its text
 * moves into a larger secure buffer and the old one is wiped and released. Deleted text is wiped. There is no
 * undo history and no kill ring.
 *
 * <p>Bad input is refused with an exception and leaves the text and the cursor as they were: an invalid code
 * point or UTF-8 byte ({@link IllegalArgumentException}), an insert past the maximum length
 * ({@link SecretLineFullException}). Exception messages never contain the line's text.
 *
 * <p>A line is edited by one thread at a time, like a {@link StringBuilder}. {@link #close()} is safe from any
 * thread at any time; every edit or way out that comes after it throws {@link IllegalStateException} (the queries
 * {@link #length()}, {@link #cursor()}, {@link #isClosed()} still answer). "After" is in the Java memory model's
 * sense: on the closing thread, or on a thread that has seen the close through a volatile read, a lock, a queue
 * or a join. An edit racing with a close on another thread, with no such ordering, may complete or throw; it never
 * writes into memory that was handed to another owner.
 */
@ProviderType
public interface SecretLine extends AutoCloseable {

    /**
     * Tells how long the text is, in characters as a person counts them.
     *
     * @return the number of code points in the line
     */
    int length();

    /**
     * Tells how many bytes the text takes in UTF-8: what {@link #copyTo(SecureBuffer, int)} writes and
     * {@link #withBytes(BytesFunction)} hands out.
     *
     * @return the number of bytes of the line's UTF-8
     */
    int byteLength();

    /**
     * Tells whether the line is empty, as {@code length() == 0}.
     *
     * @return whether the line holds no text
     */
    default boolean isEmpty() {
        return length() == 0;
    }

    /**
     * Tells the line's maximum length, fixed when it was created; an insert past it throws
     * {@link SecretLineFullException}.
     *
     * @return the most code points the line takes
     */
    int maxLength();

    /**
     * Tells where the cursor is.
     *
     * @return the cursor: the number of code points before it, {@code 0..}{@link #length()}
     */
    int cursor();

    /**
     * Inserts a code point before the cursor; the cursor moves past it.
     *
     * @param codePoint a Unicode scalar value: {@code U+0000..U+10FFFF} except the surrogates {@code U+D800..U+DFFF}
     * @throws IllegalArgumentException for a surrogate or a value outside that range, naming it
     * @throws SecretLineFullException when the line already holds {@link #maxLength()} code points
     * @throws IllegalStateException while a UTF-8 sequence fed by {@link #insertUtf8(byte)} is incomplete
     */
    void insert(int codePoint);

    /**
     * Feeds one byte of UTF-8 typed text, as a terminal sends it: the bytes of a multi-byte character are held in
     * secure memory until the last one arrives, then the character is inserted like {@link #insert(int)}. Until
     * then every editing call and way out but {@link #clear()} and {@link #close()} throws
     * {@link IllegalStateException}; {@link #discardPendingUtf8()} drops the incomplete character.
     *
     * @param b the next byte
     * @return {@code true} when {@code b} completed a character, which is now inserted; {@code false} when more bytes
     *         of it are expected
     * @throws IllegalArgumentException for a byte that cannot come next in UTF-8 (a stray continuation byte, a
     *         byte that never occurs in UTF-8, an overlong form, a surrogate, a value past {@code U+10FFFF}); the
     *         incomplete character is wiped and dropped, the text and cursor are unchanged
     * @throws SecretLineFullException at the first byte of a character when the line is full
     */
    boolean insertUtf8(byte b);

    /**
     * Tells whether {@link #insertUtf8(byte)} is in the middle of a character.
     *
     * @return how many bytes of an incomplete UTF-8 character {@link #insertUtf8(byte)} holds, {@code 0..3}
     */
    int pendingUtf8Bytes();

    /** Wipes and drops the bytes of an incomplete UTF-8 character, if any. */
    void discardPendingUtf8();

    /**
     * Deletes the code point before the cursor (Backspace).
     *
     * @return whether there was one
     */
    boolean deleteBefore();

    /**
     * Deletes the code point after the cursor (Delete).
     *
     * @return whether there was one
     */
    boolean deleteAfter();

    /**
     * Moves the cursor one code point left.
     *
     * @return whether it moved (not at the start)
     */
    boolean left();

    /**
     * Moves the cursor one code point right.
     *
     * @return whether it moved (not at the end)
     */
    boolean right();

    /** Moves the cursor to the start (Home, Ctrl-A). */
    void home();

    /** Moves the cursor to the end (End, Ctrl-E). */
    void end();

    /**
     * Moves the cursor.
     *
     * @param cursor the number of code points before the new position, {@code 0..}{@link #length()}
     * @throws IndexOutOfBoundsException for a position outside that range, naming it and the length
     */
    void moveTo(int cursor);

    /**
     * Deletes from the start to the cursor (Ctrl-U).
     *
     * @return the number of code points deleted
     */
    int deleteToStart();

    /**
     * Deletes from the cursor to the end (Ctrl-K).
     *
     * @return the number of code points deleted
     */
    int deleteToEnd();

    /**
     * Deletes the word before the cursor (Ctrl-W): the whitespace right before the cursor, then the non-whitespace
     * before it ({@link Character#isWhitespace(int)}), as the Unix terminal driver does.
     *
     * @return the number of code points deleted
     */
    int deleteWordBefore();

    /** Wipes the text and any incomplete UTF-8 character; the line is empty and stays open. */
    void clear();

    /**
     * Compares in time that depends only on the two lengths, never on where the texts differ.
     *
     * @param other the line to compare with
     * @return whether {@code other} holds the same text; {@code false} for {@code null} or a closed line
     */
    boolean contentEquals(SecretLine other);

    /**
     * Compares with UTF-16 text (as from {@code Console.readPassword}) in time that depends only on the lengths and
     * on how many of the line's characters take one, two, three or four bytes in UTF-8, never on where the texts
     * differ. An unpaired surrogate in {@code chars} never matches.
     *
     * @param chars the text to compare with, as UTF-16
     * @return whether {@code chars} holds the same text; {@code false} for {@code null}
     */
    boolean contentEquals(char[] chars);

    /**
     * Compares with UTF-8 in time that depends only on the two lengths, never on where they differ.
     *
     * @param utf8 the bytes to compare with
     * @return whether {@code utf8} holds exactly the line's bytes; {@code false} for {@code null}
     */
    boolean contentEquals(byte[] utf8);

    /**
     * Copies the line's UTF-8 into another secure buffer, secure memory to secure memory.
     *
     * @param target where to copy
     * @param index the first byte of {@code target} to write
     * @return the number of bytes written, {@link #byteLength()}
     * @throws IndexOutOfBoundsException when the text does not fit at {@code index}, naming the sizes
     */
    int copyTo(SecureBuffer target, int index);

    /**
     * Hands the text as a {@code char[]} of UTF-16 to {@code action}, for APIs that take nothing else, and wipes
     * the array when {@code action} returns or throws. The array lives on the Java heap only during the call (a
     * garbage collection during the call may leave a stale copy in free heap until the JVM reuses it: keep the
     * scope short).
     *
     * @param <R> the type of the result
     * @param <X> the checked exception {@code action} may throw
     * @param action the work to do with the text; must neither keep the array nor return it
     * @return what {@code action} returns
     * @throws X what {@code action} throws, after the wipe
     * @throws NullPointerException when {@code action} is {@code null}
     */
    <R, X extends Exception> R withChars(CharsFunction<R, X> action) throws X;

    /**
     * Hands the text as a {@code byte[]} of UTF-8 to {@code action}, for APIs that take nothing else, and wipes the
     * array when {@code action} returns or throws. The array lives on the Java heap only during the call (as for
     * {@link #withChars(CharsFunction)}, a garbage collection during the call may leave a stale copy in free heap).
     *
     * @param <R> the type of the result
     * @param <X> the checked exception {@code action} may throw
     * @param action the work to do with the text; must neither keep the array nor return it
     * @return what {@code action} returns
     * @throws X what {@code action} throws, after the wipe
     * @throws NullPointerException when {@code action} is {@code null}
     */
    <R, X extends Exception> R withBytes(BytesFunction<R, X> action) throws X;

    /**
     * Tells whether the text is kept out of swap.
     *
     * @return whether the memory holding the text is locked in RAM (see {@link SecureBuffer#isLocked()});
     *         {@code false} once the line is closed
     */
    boolean isLocked();

    /**
     * Tells whether the line can still be used.
     *
     * @return whether the line was closed, or its memory went away (its provider stopped)
     */
    boolean isClosed();

    /**
     * Starts a run of edits by this thread, for a line editor that feeds keys as they come: until the returned scope
     * is closed, the line reads and writes its secure memory through one open view (see
     * {@link SecureBuffer#access()}) instead of one checked call per byte, so typing costs about what editing a plain
     * array does. While the scope is open only this thread may use the line: any call from another thread that
     * reads or edits the text throws {@link IllegalStateException}. Closing the line on this thread ends the scope
     * first; closing it from another thread waits until the scope is closed, as long as the memory's provider allows
     * (the POSIX provider waits up to 30 seconds, then wipes the memory anyway and throws). Keep a scope to a run
     * of keys, not to a whole session: with the broker, a buffer that has a view open is not moved to a better
     * provider until the view closes.
     *
     * <p>The default does nothing, for implementations without a faster path.
     *
     * @return the scope; close it on this thread, e.g. with try-with-resources
     * @throws IllegalStateException when the line is closed, or this line already has an open scope
     */
    default EditScope openEditScope() {
        return () -> {
        };
    }

    /** Wipes the text and releases its memory. Idempotent, from any thread. */
    @Override
    void close();

    /** A run of edits opened by {@link #openEditScope()}. */
    @FunctionalInterface
    interface EditScope extends AutoCloseable {
        /**
         * Ends the run of edits; later edits make one checked call per byte again. Idempotent.
         *
         * @throws IllegalStateException when called from a thread other than the one that opened the scope
         */
        @Override
        void close();
    }
}
