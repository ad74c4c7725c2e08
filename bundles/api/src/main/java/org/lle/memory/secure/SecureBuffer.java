package org.lle.memory.secure;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A buffer for a secret, kept out of swap (when {@link #isLocked()}), wiped on {@link #clear()} and
 * {@link #close()}. It never exposes its memory as a raw {@link java.nio.ByteBuffer}: every access is
 * bounds checked, and any access after {@link #close()} throws {@link IllegalStateException}, from any
 * thread, so no use of it can crash the JVM. Indexes run over {@code 0..size()-1}.
 */
@ProviderType
public interface SecureBuffer extends AutoCloseable {

    /** @return the size in bytes */
    int size();

    /** @return the byte at {@code index} */
    byte get(int index);

    /** Sets the byte at {@code index}. */
    void put(int index, byte value);

    /** Copies {@code length} bytes starting at buffer {@code index} into {@code dst[offset..]}. */
    void read(int index, byte[] dst, int offset, int length);

    /** Copies {@code length} bytes from {@code src[offset..]} into the buffer at {@code index}. */
    void write(int index, byte[] src, int offset, int length);

    /**
     * Copies {@code dst.remaining()} bytes starting at buffer {@code index} into {@code dst} from its position,
     * which advances by that many bytes. Use a direct {@code dst} to move a secret without a copy on the Java
     * heap. The position and limit of {@code dst} are read once, so a caller changing them concurrently cannot
     * widen the copy.
     *
     * @throws IndexOutOfBoundsException when {@code index .. index + dst.remaining()} is not inside the buffer
     * @throws java.nio.ReadOnlyBufferException when {@code dst} is read-only
     */
    default void read(int index, ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int position = dst.position();
        int length = dst.limit() - position;
        Objects.checkFromIndexSize(index, length, size());
        for (int i = 0; i < length; i++) {
            dst.put(position + i, get(index + i));
        }
        dst.position(position + length);
    }

    /**
     * Copies {@code src.remaining()} bytes of {@code src} from its position into the buffer at {@code index};
     * the position of {@code src} advances by that many bytes. Use a direct {@code src} to move a secret without
     * a copy on the Java heap. The position and limit of {@code src} are read once.
     *
     * @throws IndexOutOfBoundsException when {@code index .. index + src.remaining()} is not inside the buffer
     */
    default void write(int index, ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        int position = src.position();
        int length = src.limit() - position;
        Objects.checkFromIndexSize(index, length, size());
        for (int i = 0; i < length; i++) {
            put(index + i, src.get(position + i));
        }
        src.position(position + length);
    }

    /**
     * Copies {@code length} bytes inside the buffer from {@code from} to {@code to}, as if through a temporary
     * copy (the ranges may overlap: inserting into or deleting from text held in the buffer), with no copy
     * outside the buffer. One bounds and life check for the whole call.
     *
     * @throws IndexOutOfBoundsException when either range is not inside the buffer (nothing moves)
     */
    default void copy(int from, int to, int length) {
        Objects.checkFromIndexSize(from, length, size());
        Objects.checkFromIndexSize(to, length, size());
        if (to < from) {
            for (int i = 0; i < length; i++) {
                put(to + i, get(from + i));
            }
        } else {
            for (int i = length - 1; i >= 0; i--) {
                put(to + i, get(from + i));
            }
        }
    }

    /**
     * Sets {@code length} bytes from {@code index} to {@code value}. One bounds and life check for the whole call.
     *
     * @throws IndexOutOfBoundsException when the range is not inside the buffer (nothing changes)
     */
    default void fill(int index, int length, byte value) {
        Objects.checkFromIndexSize(index, length, size());
        for (int i = 0; i < length; i++) {
            put(index + i, value);
        }
    }

    /**
     * Opens a scoped, checked view for many small accesses in a row (rendering, searching or editing text
     * held in the buffer): open it around the loop with try-with-resources. Each call on it checks the index
     * and the calling thread, but the buffer's life is checked once, when the view opens, so a call costs
     * about as much as a bounds-checked access to plain memory.
     *
     * <p>The rules:
     * <ul>
     * <li>The view belongs to the thread that opened it: a call from any other thread throws
     *     {@link IllegalStateException} and touches no memory, also when the view was handed over.</li>
     * <li>Any call after {@link Access#close()} throws {@link IllegalStateException}; closing the view again
     *     does nothing.</li>
     * <li>One view per buffer at a time: opening a second one while one is open, from any thread, throws
     *     {@link IllegalStateException} (views do not nest). The buffer's own methods keep working meanwhile.</li>
     * <li>While the view is open, {@link #close()} called on another thread waits until the view is closed.
     *     The wait is bounded (by tens of seconds); past it, {@code close()} wipes the buffer anyway, never
     *     gives its memory to another buffer while the view is open, and throws {@link IllegalStateException}
     *     saying so; the memory is wiped once more and released when the view closes.</li>
     * <li>{@link #close()} called on the view's own thread closes the view first, then the buffer.</li>
     * <li>A buffer held by a {@link SecureMemoryBroker} does not move to another provider while a view on it
     *     is open. A swap to a better provider leaves it where it is and moves it when the view closes; when its
     *     provider goes away, the move waits for the view to close (bounded, as {@code close()}).</li>
     * </ul>
     *
     * <p>A provider that does not override this method gets a view that checks the thread and its own close and
     * then calls the buffer's methods, each with its own check.
     *
     * @return an open view of this buffer for the calling thread
     * @throws IllegalStateException when the buffer is closed or a view on it is already open
     */
    default Access access() {
        return new CheckedAccess(this);
    }

    /**
     * A scoped view of an open {@link SecureBuffer} for one thread: see {@link SecureBuffer#access()} for its
     * rules. Indexes and bounds as on the buffer.
     */
    @ProviderType
    interface Access extends AutoCloseable {

        /** @return the buffer's size in bytes */
        int size();

        /** @return the byte at {@code index} */
        byte get(int index);

        /** Sets the byte at {@code index}. */
        void put(int index, byte value);

        /** Copies {@code length} bytes starting at buffer {@code index} into {@code dst[offset..]}. */
        void read(int index, byte[] dst, int offset, int length);

        /** Copies {@code length} bytes from {@code src[offset..]} into the buffer at {@code index}. */
        void write(int index, byte[] src, int offset, int length);

        /** As {@link SecureBuffer#copy(int, int, int)}: overlapping ranges allowed. */
        void copy(int from, int to, int length);

        /** As {@link SecureBuffer#fill(int, int, byte)}. */
        void fill(int index, int length, byte value);

        /**
         * Compares {@code length} bytes of the buffer from {@code index} with {@code other[offset..]} in time
         * that depends only on {@code length}, never on where the bytes differ.
         *
         * @return whether the two ranges hold the same bytes
         * @throws IndexOutOfBoundsException when either range is out of bounds
         */
        boolean rangeEquals(int index, byte[] other, int offset, int length);

        /** Closes this view (not the buffer). Idempotent; only the owning thread may close it. */
        @Override
        void close();
    }

    /** @return whether the buffer's pages are locked in RAM */
    boolean isLocked();

    /**
     * Compares in time that depends only on the lengths, never on where the contents differ.
     *
     * @return whether {@code other} has exactly this buffer's size and bytes; {@code false} for {@code null}
     */
    boolean contentEquals(byte[] other);

    /** Wipes the contents to zero; the buffer stays open. */
    void clear();

    /** @return whether the buffer was closed (by {@link #close()} or by its provider going away) */
    boolean isClosed();

    /** Wipes, then releases the memory. Idempotent, from any thread. */
    @Override
    void close();
}
