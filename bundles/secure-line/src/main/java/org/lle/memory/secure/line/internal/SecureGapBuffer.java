package org.lle.memory.secure.line.internal;

import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * Bytes in one {@link SecureBuffer} with a gap at the cursor: {@code [0, gapStart)} is the text before the
 * cursor, {@code [gapEnd, capacity)} the text after it. Inserting or deleting at the cursor touches only the bytes
 * concerned, moving the cursor moves the bytes of one character across the gap.
 *
 * <p>The gap is always zero: deleted bytes are wiped, and a move wipes the place the bytes left, so the buffer
 * holds nothing but the text. Growth copies into a larger buffer byte by byte, secure memory to secure memory,
 * then closes (wipes and frees) the old one; a failed allocation leaves everything as it was.
 *
 * <p>Edits are not synchronized (a line has one editor at a time); growth and {@link #close()} hold a lock so a
 * close racing with a growth never leaves a buffer open. An edit racing with a close reaches a closed
 * {@link SecureBuffer}, which throws {@link IllegalStateException}.
 *
 * <p>Each byte goes through one checked call on the buffer (a deleted character of several bytes is wiped by one
 * fill), or, while the editor holds an edit scope
 * ({@link #openView()}), through the buffer's open {@link SecureBuffer.Access} view: a run of keys then costs plain
 * memory accesses instead of one guarded call per byte.
 */
final class SecureGapBuffer {
    private final SecureMemory memory;
    private final int maxCapacity;
    private final Object lifecycle = new Object();
    private volatile SecureBuffer buffer;
    private volatile boolean closed;
    private int capacity;
    private int gapStart;
    private int gapEnd;
    /** The open view of the editor's scope, or null; used only by {@link #viewOwner}. */
    private SecureBuffer.Access view;
    /** The open scope's thread; written by that thread only, so a plain read finds only oneself here. */
    private Thread viewOwner;
    /** The scope's thread while the line is open, else null: what other threads are refused by. */
    private volatile Thread editor;
    /** {@link #editor} unfenced for the scope's own edits; a close clears it before it publishes {@link #closed}. */
    private Thread scopeEditor;
    /** Number of the last scope opened, so a stale scope's close cannot end a later one. */
    private int scope;

    SecureGapBuffer(SecureMemory memory, int initialCapacity, int maxCapacity) {
        this.memory = memory;
        this.maxCapacity = maxCapacity;
        this.buffer = memory.allocate(initialCapacity);
        this.capacity = initialCapacity;
        this.gapEnd = initialCapacity;
    }

    /** @return bytes before the gap */
    int before() {
        return gapStart;
    }

    int byteLength() {
        return gapStart + capacity - gapEnd;
    }

    /** @return the byte at text position {@code index}, skipping the gap */
    byte byteAt(int index) {
        return index < gapStart ? get(index) : get(index + gapEnd - gapStart);
    }

    /** @return whether this thread holds the open edit scope of the open line: {@link #checkOpen()} passes */
    boolean inScope() {
        return scopeEditor == Thread.currentThread();
    }

    /**
     * The edit scope's insert: stores the {@code n} bytes of {@code codePoint} (UTF-8 computed in locals, one store
     * a byte) through the open view and moves the gap start; no other field is read or written. The caller has
     * checked {@link #inScope()}, the code point and the line's room.
     *
     * @return false, with nothing written, when the gap is too small: the caller takes the checked way, which grows
     */
    boolean insertInScope(int codePoint, int n) {
        int at = gapStart;
        if (gapEnd - at < n) {
            return false;
        }
        Utf8.store(view, at, codePoint, n);
        gapStart = at + n;
        return true;
    }

    /**
     * The edit scope's delete before the cursor: wipes the character's bytes through the open view and moves the
     * gap start. The caller has checked {@link #inScope()} and that there is a character before the cursor.
     *
     * @param charsBefore the characters before the cursor: as many as the bytes means each is one byte, and the
     *        last one's start is known without reading
     */
    void deleteCharBeforeInScope(int charsBefore) {
        int end = gapStart;
        SecureBuffer.Access v = view;
        if (charsBefore == end) {
            v.put(end - 1, (byte) 0);
            gapStart = end - 1;
            return;
        }
        int start = Utf8.startOfLast(v, end);
        for (int i = start; i < end; i++) {
            v.put(i, (byte) 0);
        }
        gapStart = start;
    }

    /** Encodes {@code codePoint} ({@code n} bytes of UTF-8) at the cursor; the gap must have room. */
    void insert(int codePoint, int n) {
        int at = gapStart;
        SecureBuffer.Access v = view;
        if (v != null) {
            Utf8.store(v, at, codePoint, n);
        } else {
            SecureBuffer b = buffer;
            int bytes = Utf8.encode(codePoint, n);
            for (int i = 0; i < n; i++, bytes >>>= 8) {
                b.put(at + i, (byte) bytes);
            }
        }
        gapStart = at + n;
    }

    /**
     * Wipes and drops the character before the cursor through checked calls (outside an edit scope); there must be
     * one.
     *
     * @param charsBefore the characters before the cursor: when they are as many as the bytes, each is one byte
     *        and the last one's length is known without reading it
     */
    void deleteCharBefore(int charsBefore) {
        int end = gapStart;
        SecureBuffer b = buffer;
        int start = charsBefore == end ? end - 1 : Utf8.startOfLast(b, end);
        if (start == end - 1) {
            b.put(start, (byte) 0);
        } else {
            b.fill(start, end - start, (byte) 0); // one guarded call instead of one a byte
        }
        gapStart = start;
    }

    /** Wipes and drops the character after the cursor; there must be one. */
    void deleteCharAfter() {
        deleteAfter(Utf8.sequenceLength(get(gapEnd)));
    }

    /** Moves the cursor over the character before it; there must be one. */
    void moveCharLeft() {
        SecureBuffer.Access v = view;
        int end = gapStart;
        moveLeft(end - (v != null ? Utf8.startOfLast(v, end) : Utf8.startOfLast(buffer, end)));
    }

    /** Moves the cursor over the character after it; there must be one. */
    void moveCharRight() {
        moveRight(Utf8.sequenceLength(get(gapEnd)));
    }

    /** Writes into the gap at {@code offset} from its start; the byte is not text until {@link #commit(int)}. */
    void putInGap(int offset, byte value) {
        put(gapStart + offset, value);
    }

    /** @return the byte at {@code offset} in the gap */
    byte getInGap(int offset) {
        return get(gapStart + offset);
    }

    /** Wipes {@code length} bytes at the start of the gap (an incomplete character). */
    void wipeGapStart(int length) {
        for (int i = 0; i < length; i++) {
            put(gapStart + i, (byte) 0);
        }
    }

    /** Makes the first {@code length} bytes of the gap text before the cursor. */
    void commit(int length) {
        gapStart += length;
    }

    /** Wipes and drops the last {@code length} bytes before the gap. */
    private void deleteBefore(int length) {
        for (int i = 1; i <= length; i++) {
            put(gapStart - i, (byte) 0);
        }
        gapStart -= length;
    }

    /** Wipes and drops the first {@code length} bytes after the gap. */
    private void deleteAfter(int length) {
        for (int i = 0; i < length; i++) {
            put(gapEnd + i, (byte) 0);
        }
        gapEnd += length;
    }

    /**
     * Moves the last {@code length} bytes before the gap to after it (cursor left). With no gap (a full buffer)
     * the bytes are already where they belong: moving them would wipe what was just written.
     */
    private void moveLeft(int length) {
        for (int i = 1; i <= length && gapEnd > gapStart; i++) {
            put(gapEnd - i, get(gapStart - i));
            put(gapStart - i, (byte) 0);
        }
        gapStart -= length;
        gapEnd -= length;
    }

    /** Moves the first {@code length} bytes after the gap to before it (cursor right); with no gap, nothing moves. */
    private void moveRight(int length) {
        for (int i = 0; i < length && gapEnd > gapStart; i++) {
            put(gapStart + i, get(gapEnd + i));
            put(gapEnd + i, (byte) 0);
        }
        gapStart += length;
        gapEnd += length;
    }

    /**
     * Makes the gap at least {@code length} bytes, growing into a larger buffer when needed.
     *
     * @throws org.lle.memory.secure.SecureMemoryException when the memory cannot give the larger buffer; nothing
     *         changed
     */
    void ensureGap(int length) {
        int gap = gapEnd - gapStart;
        if (gap >= length) {
            return;
        }
        int size = capacity;
        int needed = size - gap + length;
        if (needed > maxCapacity) {
            throw new IllegalStateException("a secret line needs " + needed + " bytes, more than its limit of "
                    + maxCapacity);
        }
        grow(Math.min(maxCapacity, Math.max(needed, size * 2)));
    }

    private void grow(int newCapacity) {
        // growth is rare: it copies through checked calls, and an open view moves to the new buffer
        boolean reopen = view != null;
        if (reopen) {
            detachView();
        }
        try {
            synchronized (lifecycle) {
                checkOpen();
                SecureBuffer old = buffer;
                int newGapEnd = newCapacity - (capacity - gapEnd);
                SecureBuffer grown = SecretLineViews.grownCopy(memory, old, gapStart, gapEnd, capacity, newGapEnd);
                buffer = grown;
                capacity = newCapacity;
                gapEnd = newGapEnd;
                old.close();
            }
        } finally {
            if (reopen) {
                attachViewUnlessClosed();
            }
        }
    }

    /** Wipes all the text: the whole buffer is gap again. */
    void clear() {
        SecureBuffer.Access v = view;
        if (v != null) {
            v.fill(0, capacity, (byte) 0);
        } else {
            buffer.clear();
        }
        gapStart = 0;
        gapEnd = capacity;
    }

    /** Wipes the text before the gap. */
    void clearBefore() {
        deleteBefore(gapStart);
    }

    /** Wipes the text after the gap. */
    void clearAfter() {
        deleteAfter(capacity - gapEnd);
    }

    boolean isLocked() {
        return buffer.isLocked();
    }

    boolean isClosed() {
        return closed || buffer.isClosed();
    }

    /**
     * @throws IllegalStateException once closed. Memory that went away under an open line (its provider stopped)
     *         shows at the next access: the closed buffer throws its own {@link IllegalStateException}, which says
     *         why; checking the buffer here too would cost every edit another call into the provider.
     */
    void checkOpen() {
        if (scopeEditor != Thread.currentThread()) {
            checkOpenOutsideScope(editor);
        }
    }

    /** @param scopeThread an open scope's thread, or null; the caller's own only after another thread's close */
    private void checkOpenOutsideScope(Thread scopeThread) {
        if (closed || scopeThread == Thread.currentThread()) {
            throw new IllegalStateException("the secret line is closed");
        }
        if (scopeThread != null) {
            throw new IllegalStateException("thread " + scopeThread.getName() + " holds an edit scope on this "
                    + "secret line: only it may use the line until it closes the scope");
        }
    }

    /**
     * Opens the editor's view of the buffer (an edit scope), confined to this thread.
     *
     * @return the scope's number, for {@link #closeView(int)}
     * @throws IllegalStateException when the line is closed or a scope is already open
     */
    int openView() {
        checkOpen();
        if (view != null) {
            throw new IllegalStateException("an edit scope is already open on this secret line; scopes do not nest");
        }
        if (!attachViewUnlessClosed()) {
            checkOpen(); // closed meanwhile: says so
        }
        return ++scope;
    }

    /** Ends scope number {@code number} if it is still the open one; on the thread that opened it. */
    void closeView(int number) {
        if (number == scope && view != null) {
            detachView();
        }
    }

    /** @return false, with nothing opened, when closed; under the lock, so a closed line never gets an editor */
    private boolean attachViewUnlessClosed() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            Thread current = Thread.currentThread();
            view = buffer.access();
            viewOwner = current;
            scopeEditor = current;
            editor = current;
            return true;
        }
    }

    /** Closes the open view: only its own thread may (the view refuses any other, and stays open). */
    private void detachView() {
        view.close();
        view = null;
        viewOwner = null;
        scopeEditor = null;
        editor = null;
    }

    private byte get(int index) {
        SecureBuffer.Access v = view;
        return v != null ? v.get(index) : buffer.get(index);
    }

    private void put(int index, byte value) {
        SecureBuffer.Access v = view;
        if (v != null) {
            v.put(index, value);
        } else {
            buffer.put(index, value);
        }
    }

    /**
     * Wipes and frees the buffer. On the scope's own thread this ends the scope first; from another thread the
     * buffer's close waits for the scope to end (as long as the provider allows).
     */
    void close() {
        if (viewOwner == Thread.currentThread()) {
            detachView();
        }
        synchronized (lifecycle) {
            scopeEditor = null; // a scope's thread that has seen closed is refused from now on
            editor = null;
            closed = true;
            buffer.close();
        }
    }
}
