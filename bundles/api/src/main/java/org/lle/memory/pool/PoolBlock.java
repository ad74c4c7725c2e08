package org.lle.memory.pool;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One allocation from a {@link MemoryPoolSystem}. Indexes run over {@code 0..size()-1}.
 *
 * <p>After {@link #close()} (or the close of its {@link MemoryPoolSystem}) every method that reads or writes the
 * block's memory, {@link #access()} and {@link #asByteBuffer()} included, throws {@link IllegalStateException}; a
 * closed block never reads or writes the memory of a block handed to another owner. {@link #type()},
 * {@link #size()}, {@link #capacity()} and {@link #isClosed()} still answer. Not meant for concurrent use by
 * several threads, but closing it from another thread is safe.
 */
@ProviderType
public interface PoolBlock extends AutoCloseable {

    /**
     * Tells which pool type the block came from.
     *
     * @return the type it was allocated for
     */
    PoolType type();

    /**
     * Tells how many bytes the block holds: the size asked for at allocation, the bound of every index.
     *
     * @return the requested size in bytes
     */
    int size();

    /**
     * Tells the block size of the size class the block was taken from, which is what it costs against the budgets.
     *
     * @return the capacity in bytes, {@code >= size()}
     */
    int capacity();

    /**
     * Reads one byte.
     *
     * @param index the position in the block, {@code 0..size()-1}
     * @return the byte at {@code index}
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
     * @throws IllegalStateException when the block or its pool system is closed
     */
    byte get(int index);

    /**
     * Writes one byte.
     *
     * @param index the position in the block, {@code 0..size()-1}
     * @param value the byte to store
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
     * @throws IllegalStateException when the block or its pool system is closed
     */
    void put(int index, byte value);

    /**
     * Copies {@code length} bytes starting at block {@code index} into {@code dst[offset..offset+length-1]}.
     *
     * @param index the first byte of the block to read
     * @param dst the array to copy into
     * @param offset the first position of {@code dst} to write
     * @param length the number of bytes, {@code >= 0}
     * @throws NullPointerException when {@code dst} is {@code null}
     * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
     * @throws IllegalStateException when the block or its pool system is closed
     */
    void read(int index, byte[] dst, int offset, int length);

    /**
     * Copies {@code length} bytes from {@code src[offset..offset+length-1]} into the block at {@code index}.
     *
     * @param index the first byte of the block to write
     * @param src the array to copy from
     * @param offset the first position of {@code src} to read
     * @param length the number of bytes, {@code >= 0}
     * @throws NullPointerException when {@code src} is {@code null}
     * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
     * @throws IllegalStateException when the block or its pool system is closed
     */
    void write(int index, byte[] src, int offset, int length);

    /**
     * Copies {@code length} bytes inside the block from {@code from} to {@code to}, as if through a temporary
     * copy: the ranges may overlap (inserting into or deleting from text held in the block). One check for the
     * whole call.
     *
     * @param from the first byte of the range to copy
     * @param to where its first byte goes
     * @param length the number of bytes, {@code >= 0}
     * @throws IndexOutOfBoundsException when either range is not inside {@code 0..size()-1} (nothing moves)
     * @throws IllegalStateException when the block or its pool system is closed
     */
    void copy(int from, int to, int length);

    /**
     * Sets {@code length} bytes from {@code index} to {@code value}. One check for the whole call.
     *
     * @param index the first byte to set
     * @param length the number of bytes, {@code >= 0}
     * @param value the byte to store in each
     * @throws IndexOutOfBoundsException when the range is not inside {@code 0..size()-1} (nothing changes)
     * @throws IllegalStateException when the block or its pool system is closed
     */
    void fill(int index, int length, byte value);

    /**
     * Compares {@code length} bytes of the block from {@code index} with {@code other[offset..]}, as
     * {@link java.util.Arrays#mismatch(byte[], int, int, byte[], int, int)} does for two arrays. One check for the
     * whole call. The position of the first difference is what search, completion and incremental highlighting
     * need; whether two ranges are equal is {@code mismatch(...) < 0}.
     *
     * @param index the first byte of the block to compare
     * @param other the array to compare with
     * @param offset the first position of {@code other} to compare
     * @param length the number of bytes, {@code >= 0}
     * @return the position of the first differing byte relative to the start of both ranges, or {@code -1} when
     *         the ranges hold the same bytes
     * @throws IndexOutOfBoundsException when either range is out of bounds
     * @throws NullPointerException when {@code other} is null
     * @throws IllegalStateException when the block or its pool system is closed
     */
    int mismatch(int index, byte[] other, int offset, int length);

    /**
     * Opens a checked view for many small accesses in a row (rendering, searching, editing text held in the
     * block): open it around the loop with try-with-resources. Each call on it checks the calling thread, its own
     * close and the index, and then touches the memory directly; the block's life is checked once, when the
     * view opens, which is what makes a call as cheap as a bounds-checked access to plain memory.
     *
     * <p>The rules:
     * <ul>
     * <li>The view belongs to the thread that opened it: a call from any other thread, its
     *     {@link Access#close() close} included, throws {@link IllegalStateException} and touches no memory, also
     *     when the view was handed to that thread.</li>
     * <li>Any call after {@link Access#close()} throws {@link IllegalStateException}; closing it again does
     *     nothing.</li>
     * <li>One view per block at a time: opening a second one while one is open, from any thread, throws
     *     {@link IllegalStateException} (views do not nest: a forgotten close shows at once instead of keeping the
     *     block open). The block's own methods keep working meanwhile.</li>
     * <li>While the view is open, {@link #close()} called on another thread waits until the view is closed. The
     *     wait is bounded (by tens of seconds); past it {@code close()} wipes the block anyway, never hands its
     *     memory to another owner, and throws {@link IllegalStateException} saying so; the view keeps working on
     *     that retired memory, which is wiped once more when the view closes.</li>
     * <li>{@link #close()} called on the view's own thread closes the view first, then the block.</li>
     * <li>A view opened before the {@link MemoryPoolSystem} closed keeps working until it is closed (the block's
     *     memory is not handed to anyone while it is open); opening one after throws.</li>
     * </ul>
     *
     * @return an open view of this block for the calling thread
     * @throws IllegalStateException when the block or its pool system is closed, or a view on it is already open
     */
    Access access();

    /**
     * A checked view of an open {@link PoolBlock} for one thread: see {@link PoolBlock#access()} for its rules.
     * Indexes, bounds and exceptions as on the block; on top of them every call, {@link #size()} included, throws
     * {@link IllegalStateException} on a thread other than the one that opened the view, and after the view is
     * closed.
     */
    @ProviderType
    interface Access extends AutoCloseable {

        /**
         * Tells the block's size, as {@link PoolBlock#size()}.
         *
         * @return the block's size in bytes
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        int size();

        /**
         * Reads one byte, as {@link PoolBlock#get(int)}.
         *
         * @param index the position in the block, {@code 0..size()-1}
         * @return the byte at {@code index}
         * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        byte get(int index);

        /**
         * Writes one byte, as {@link PoolBlock#put(int, byte)}.
         *
         * @param index the position in the block, {@code 0..size()-1}
         * @param value the byte to store
         * @throws IndexOutOfBoundsException when {@code index} is outside {@code 0..size()-1}
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        void put(int index, byte value);

        /**
         * Copies {@code length} bytes starting at block {@code index} into {@code dst[offset..offset+length-1]}, as
         * {@link PoolBlock#read(int, byte[], int, int)}.
         *
         * @param index the first byte of the block to read
         * @param dst the array to copy into
         * @param offset the first position of {@code dst} to write
         * @param length the number of bytes, {@code >= 0}
         * @throws NullPointerException when {@code dst} is {@code null}
         * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        void read(int index, byte[] dst, int offset, int length);

        /**
         * Copies {@code length} bytes from {@code src[offset..offset+length-1]} into the block at {@code index}, as
         * {@link PoolBlock#write(int, byte[], int, int)}.
         *
         * @param index the first byte of the block to write
         * @param src the array to copy from
         * @param offset the first position of {@code src} to read
         * @param length the number of bytes, {@code >= 0}
         * @throws NullPointerException when {@code src} is {@code null}
         * @throws IndexOutOfBoundsException when either range is out of bounds (nothing is copied)
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        void write(int index, byte[] src, int offset, int length);

        /**
         * Copies bytes inside the block, as {@link PoolBlock#copy(int, int, int)}: the ranges may overlap.
         *
         * @param from the first byte of the range to copy
         * @param to where its first byte goes
         * @param length the number of bytes, {@code >= 0}
         * @throws IndexOutOfBoundsException when either range is not inside {@code 0..size()-1} (nothing moves)
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        void copy(int from, int to, int length);

        /**
         * Sets a range to one value, as {@link PoolBlock#fill(int, int, byte)}.
         *
         * @param index the first byte to set
         * @param length the number of bytes, {@code >= 0}
         * @param value the byte to store in each
         * @throws IndexOutOfBoundsException when the range is not inside {@code 0..size()-1} (nothing changes)
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        void fill(int index, int length, byte value);

        /**
         * Finds the first difference from an array, as {@link PoolBlock#mismatch(int, byte[], int, int)}.
         *
         * @param index the first byte of the block to compare
         * @param other the array to compare with
         * @param offset the first position of {@code other} to compare
         * @param length the number of bytes, {@code >= 0}
         * @return the position of the first differing byte relative to the start of both ranges, or {@code -1}
         *         when the ranges hold the same bytes
         * @throws NullPointerException when {@code other} is null
         * @throws IndexOutOfBoundsException when either range is out of bounds
         * @throws IllegalStateException on another thread, or when the view is closed
         */
        int mismatch(int index, byte[] other, int offset, int length);

        /**
         * Closes this view, not the block. Idempotent; only the thread that opened it may close it.
         *
         * @throws IllegalStateException on another thread than the one that opened the view
         */
        @Override
        void close();
    }

    /**
     * A borrowed view over the block's {@link #size()} bytes: position 0, limit {@code size()}, only
     * these bytes reachable. It is valid only until {@link #close()}; after that the pool may hand the
     * memory to a new owner, so a view kept past close is a bug in the caller (the checked methods above
     * throw instead). The memory stays mapped as long as the view is reachable, so even a misused view
     * cannot crash the JVM.
     *
     * @return a view of this block's bytes, sharing them (not a copy)
     * @throws IllegalStateException when the block or its pool system is closed
     */
    ByteBuffer asByteBuffer();

    /**
     * Tells whether the block can still be used.
     *
     * @return whether {@link #close()} has been called, or its {@link MemoryPoolSystem} closed
     */
    boolean isClosed();

    /**
     * Returns the block to its pool, its written bytes wiped. Idempotent, from any thread. An {@link #access()
     * access} open on the calling thread is closed first; one open on another thread is waited for (see there).
     *
     * @throws IllegalStateException when an access open on another thread was not closed within the wait; the
     *         block is closed all the same, its memory wiped and never handed to another owner
     */
    @Override
    void close();
}
