package org.lle.memory.secure;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A buffer for a secret, kept out of swap (when {@link #isLocked()}), wiped on {@link #clear()} and
 * {@link #close()}. It never exposes its memory as a raw {@link java.nio.ByteBuffer}: every access is
 * bounds checked, and after {@link #close()} every method that reads or writes its bytes, {@link #access()}
 * included, throws {@link IllegalStateException}, from any thread, so no use of it can crash the JVM.
 * {@link #size()}, {@link #isLocked()} and {@link #isClosed()} still answer, and {@link #close()} does nothing.
 * Indexes run over {@code 0..size()-1}. Safe for concurrent use by several threads.
 */
@ProviderType
public interface SecureBuffer extends AutoCloseable {

    /**
     * Tells how many bytes the buffer holds: the size asked for at allocation, the bound of every index. Still
     * answers after {@link #close()}.
     *
     * @return the size in bytes, {@code >= 1}
     */
    int size();

    /**
     * Reads one byte.
     *
     * @param index the position in the buffer, {@code 0..size()-1}
     * @return the byte at {@code index}
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
     * @throws IllegalStateException when the buffer is closed
     */
    byte get(int index);

    /**
     * Writes one byte.
     *
     * @param index the position in the buffer, {@code 0..size()-1}
     * @param value the byte to store
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
     * @throws IllegalStateException when the buffer is closed
     */
    void put(int index, byte value);

    /**
     * Copies {@code length} bytes starting at buffer {@code index} into {@code dst[offset..offset+length-1]}.
     *
     * @param index the first byte of the buffer to read
     * @param dst the array to copy into
     * @param offset the first position of {@code dst} to write
     * @param length the number of bytes, {@code >= 0}
     * @throws NullPointerException when {@code dst} is {@code null}, also for a {@code length} of 0
     * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
     * @throws IllegalStateException when the buffer is closed
     */
    void read(int index, byte[] dst, int offset, int length);

    /**
     * Copies {@code length} bytes from {@code src[offset..offset+length-1]} into the buffer at {@code index}.
     *
     * @param index the first byte of the buffer to write
     * @param src the array to copy from
     * @param offset the first position of {@code src} to read
     * @param length the number of bytes, {@code >= 0}
     * @throws NullPointerException when {@code src} is {@code null}, also for a {@code length} of 0
     * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
     * @throws IllegalStateException when the buffer is closed
     */
    void write(int index, byte[] src, int offset, int length);

    /**
     * Copies {@code dst.remaining()} bytes starting at buffer {@code index} into {@code dst} from its position,
     * which advances by that many bytes. Use a direct {@code dst} to move a secret without a copy on the Java
     * heap. The position and limit of {@code dst} are read once, so a caller changing them concurrently cannot
     * widen the copy.
     *
     * <p>A provider that does not override this method gets one that checks the bounds first, then copies byte
     * by byte through {@link #get(int)}, so a close on another thread midway leaves {@code dst} partly written.
     *
     * @param index the first byte of the buffer to read
     * @param dst the buffer to copy into, writable, heap or direct
     * @throws NullPointerException when {@code dst} is {@code null}
     * @throws IndexOutOfBoundsException when {@code index .. index + dst.remaining()} is not inside the buffer
     *         (nothing is copied and the position of {@code dst} stays)
     * @throws java.nio.ReadOnlyBufferException when {@code dst} is read-only
     * @throws IllegalStateException when the buffer is closed
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
     * <p>A provider that does not override this method gets one that checks the bounds first, then copies byte
     * by byte through {@link #put(int, byte)}, so a close on another thread midway leaves the copy partial.
     *
     * @param index the first byte of the buffer to write
     * @param src the buffer to copy from, heap or direct, read-only allowed
     * @throws NullPointerException when {@code src} is {@code null}
     * @throws IndexOutOfBoundsException when {@code index .. index + src.remaining()} is not inside the buffer
     *         (nothing is copied and the position of {@code src} stays)
     * @throws IllegalStateException when the buffer is closed
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
     * outside the buffer. One bounds and life check for the whole call; a provider that does not override this
     * method gets one that checks the bounds once and then moves byte by byte through {@link #get(int)} and
     * {@link #put(int, byte)}, each with its own check.
     *
     * @param from the first byte of the range to copy
     * @param to where its first byte goes
     * @param length the number of bytes, {@code >= 0}
     * @throws IndexOutOfBoundsException when either range is not inside {@code 0..size()-1} (nothing moves)
     * @throws IllegalStateException when the buffer is closed
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
     * Sets {@code length} bytes from {@code index} to {@code value}. One bounds and life check for the whole call;
     * a provider that does not override this method gets one that checks the bounds once and then writes byte by
     * byte through {@link #put(int, byte)}, each with its own check.
     *
     * @param index the first byte to set
     * @param length the number of bytes, {@code >= 0}
     * @param value the byte to store in each
     * @throws IndexOutOfBoundsException when the range is not inside {@code 0..size()-1} (nothing changes)
     * @throws IllegalStateException when the buffer is closed
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
     * <p>The rules, as the POSIX, no-op and brokered buffers of this project keep them:
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
     *     saying so; the memory is wiped once more when the view closes, and only then can it be reused.</li>
     * <li>{@link #close()} called on the view's own thread closes the view first, then the buffer.</li>
     * <li>A buffer held by a {@link SecureMemoryBroker} does not move to another provider while a view on it
     *     is open. A swap to a better provider leaves it where it is and moves it when the view closes; when its
     *     provider goes away, the move waits for the view to close (bounded, as {@code close()}).</li>
     * </ul>
     *
     * <p>A provider that does not override this method gets a simpler view: it checks the thread and its own
     * close, then calls the buffer's methods, each with its own check. Any number of such views may be open at
     * once, and {@link #close()} neither waits for them nor closes them, but a call on one that reads or writes
     * bytes after the buffer's close throws {@link IllegalStateException} from the buffer.
     *
     * @return an open view of this buffer for the calling thread
     * @throws IllegalStateException when the buffer is closed or a view on it is already open
     */
    default Access access() {
        return new CheckedAccess(this);
    }

    /**
     * A scoped view of an open {@link SecureBuffer} for one thread: see {@link SecureBuffer#access()} for its
     * rules. Indexes and bounds as on the buffer. Every method but {@link #close()} throws
     * {@link IllegalStateException} when called on a thread other than the one that opened the view, or after
     * the view was closed.
     */
    @ProviderType
    interface Access extends AutoCloseable {

        /**
         * Tells how many bytes the buffer holds, as {@link SecureBuffer#size()}.
         *
         * @return the buffer's size in bytes
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        int size();

        /**
         * Reads one byte.
         *
         * @param index the position in the buffer, {@code 0..size()-1}
         * @return the byte at {@code index}
         * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        byte get(int index);

        /**
         * Writes one byte.
         *
         * @param index the position in the buffer, {@code 0..size()-1}
         * @param value the byte to store
         * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        void put(int index, byte value);

        /**
         * Copies {@code length} bytes starting at buffer {@code index} into {@code dst[offset..offset+length-1]}.
         *
         * @param index the first byte of the buffer to read
         * @param dst the array to copy into
         * @param offset the first position of {@code dst} to write
         * @param length the number of bytes, {@code >= 0}
         * @throws NullPointerException when {@code dst} is {@code null}
         * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        void read(int index, byte[] dst, int offset, int length);

        /**
         * Copies {@code length} bytes from {@code src[offset..offset+length-1]} into the buffer at {@code index}.
         *
         * @param index the first byte of the buffer to write
         * @param src the array to copy from
         * @param offset the first position of {@code src} to read
         * @param length the number of bytes, {@code >= 0}
         * @throws NullPointerException when {@code src} is {@code null}
         * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        void write(int index, byte[] src, int offset, int length);

        /**
         * Copies {@code length} bytes inside the buffer from {@code from} to {@code to}, as
         * {@link SecureBuffer#copy(int, int, int)} does: the ranges may overlap.
         *
         * @param from the first byte of the range to copy
         * @param to where its first byte goes
         * @param length the number of bytes, {@code >= 0}
         * @throws IndexOutOfBoundsException when either range is not inside {@code 0..size()-1} (nothing moves)
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        void copy(int from, int to, int length);

        /**
         * Sets {@code length} bytes from {@code index} to {@code value}, as {@link SecureBuffer#fill(int, int, byte)}
         * does.
         *
         * @param index the first byte to set
         * @param length the number of bytes, {@code >= 0}
         * @param value the byte to store in each
         * @throws IndexOutOfBoundsException when the range is not inside {@code 0..size()-1} (nothing changes)
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        void fill(int index, int length, byte value);

        /**
         * Compares {@code length} bytes of the buffer from {@code index} with {@code other[offset..]} in time
         * that depends only on {@code length}, never on where the bytes differ.
         *
         * @param index the first byte of the buffer to compare
         * @param other the array to compare with
         * @param offset the first position of {@code other} to compare
         * @param length the number of bytes, {@code >= 0}; 0 compares equal
         * @return whether the two ranges hold the same bytes
         * @throws NullPointerException when {@code other} is {@code null}
         * @throws IndexOutOfBoundsException when either range is out of bounds
         * @throws IllegalStateException when called on another thread or after the view was closed
         */
        boolean rangeEquals(int index, byte[] other, int offset, int length);

        /**
         * Closes this view (not the buffer). Idempotent; only the owning thread may close it.
         *
         * @throws IllegalStateException when called on a thread other than the one that opened the view (the view
         *         stays open)
         */
        @Override
        void close();
    }

    /**
     * Tells whether the buffer's pages are locked in RAM, so the kernel does not write them to swap. Always
     * {@code false} for a provider that cannot lock and once the buffer is closed; for a buffer held by a
     * {@link SecureMemoryBroker} it can change while the buffer is open, when the broker moves it to another
     * provider.
     *
     * @return whether the buffer's pages are locked in RAM
     */
    boolean isLocked();

    /**
     * Compares the whole buffer with {@code other} in time that depends only on the lengths, never on where the
     * contents differ.
     *
     * @param other the bytes to compare with; {@code null} is allowed
     * @return whether {@code other} has exactly this buffer's size and bytes; {@code false} for {@code null}
     * @throws IllegalStateException when the buffer is closed
     */
    boolean contentEquals(byte[] other);

    /**
     * Wipes the contents to zero; the buffer stays open and can be written again.
     *
     * @throws IllegalStateException when the buffer is closed
     */
    void clear();

    /**
     * Tells whether the buffer is closed, by {@link #close()} or by its provider going away (which wipes and
     * closes every buffer it holds).
     *
     * @return whether the buffer is closed
     */
    boolean isClosed();

    /**
     * Wipes, then releases the memory. Idempotent, from any thread; a close that finds the buffer already closed
     * does nothing.
     *
     * @throws IllegalStateException when the close found the secret unsafe, the reason in its message: the
     *         bytes just past the buffer were overwritten (the buffer is still wiped, released and closed),
     *         a view opened on another thread stayed open past the bounded wait of {@link #access()} (the buffer
     *         is wiped and closed, and wiped once more when the view closes), or another thread's close of the
     *         same buffer did not finish within a bounded wait of tens of seconds (then it is not closed yet)
     */
    @Override
    void close();
}
