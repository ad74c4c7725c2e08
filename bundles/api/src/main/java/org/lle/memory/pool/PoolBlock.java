package org.lle.memory.pool;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One allocation from a {@link MemoryPoolSystem}. Indexes run over {@code 0..size()-1}.
 *
 * <p>Any access after {@link #close()} throws {@link IllegalStateException}; a closed block never reads
 * or writes the memory of a block handed to another owner. Not meant for concurrent use by several
 * threads, but closing it from another thread is safe.
 */
@ProviderType
public interface PoolBlock extends AutoCloseable {

    /** @return the type it was allocated for */
    PoolType type();

    /** @return the requested size in bytes */
    int size();

    /** @return the size class the block was carved from ({@code >= size()}) */
    int capacity();

    /** @return the byte at {@code index} */
    byte get(int index);

    /** Sets the byte at {@code index}. */
    void put(int index, byte value);

    /** Copies {@code length} bytes starting at block {@code index} into {@code dst[offset..]}. */
    void read(int index, byte[] dst, int offset, int length);

    /** Copies {@code length} bytes from {@code src[offset..]} into the block at {@code index}. */
    void write(int index, byte[] src, int offset, int length);

    /**
     * Copies {@code length} bytes inside the block from {@code from} to {@code to}, as if through a temporary
     * copy: the ranges may overlap (inserting into or deleting from text held in the block). One check for the
     * whole call.
     *
     * @throws IndexOutOfBoundsException when either range is not inside {@code 0..size()-1} (nothing moves)
     */
    void copy(int from, int to, int length);

    /**
     * Sets {@code length} bytes from {@code index} to {@code value}. One check for the whole call.
     *
     * @throws IndexOutOfBoundsException when the range is not inside {@code 0..size()-1} (nothing changes)
     */
    void fill(int index, int length, byte value);

    /**
     * Compares {@code length} bytes of the block from {@code index} with {@code other[offset..]}, as
     * {@link java.util.Arrays#mismatch(byte[], int, int, byte[], int, int)} does for two arrays. One check for the
     * whole call. The position of the first difference is what search, completion and incremental highlighting
     * need; whether two ranges are equal is {@code mismatch(...) < 0}.
     *
     * @return the position of the first differing byte relative to the start of both ranges, or {@code -1} when
     *         the ranges hold the same bytes
     * @throws IndexOutOfBoundsException when either range is out of bounds
     * @throws NullPointerException when {@code other} is null
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
     * Indexes, bounds and exceptions as on the block.
     */
    @ProviderType
    interface Access extends AutoCloseable {

        /** @return the block's size in bytes */
        int size();

        /** @return the byte at {@code index} */
        byte get(int index);

        /** Sets the byte at {@code index}. */
        void put(int index, byte value);

        /** Copies {@code length} bytes starting at block {@code index} into {@code dst[offset..]}. */
        void read(int index, byte[] dst, int offset, int length);

        /** Copies {@code length} bytes from {@code src[offset..]} into the block at {@code index}. */
        void write(int index, byte[] src, int offset, int length);

        /** As {@link PoolBlock#copy(int, int, int)}: the ranges may overlap. */
        void copy(int from, int to, int length);

        /** As {@link PoolBlock#fill(int, int, byte)}. */
        void fill(int index, int length, byte value);

        /** As {@link PoolBlock#mismatch(int, byte[], int, int)}. */
        int mismatch(int index, byte[] other, int offset, int length);

        /** Closes this view, not the block. Idempotent; only the thread that opened it may close it. */
        @Override
        void close();
    }

    /**
     * A borrowed view over the block's {@link #size()} bytes: position 0, limit {@code size()}, only
     * these bytes reachable. It is valid only until {@link #close()}; after that the pool may hand the
     * memory to a new owner, so a view kept past close is a bug in the caller (the checked methods above
     * throw instead). The memory stays mapped as long as the view is reachable, so even a misused view
     * cannot crash the JVM.
     */
    ByteBuffer asByteBuffer();

    /** @return whether {@link #close()} has been called (or the system closed) */
    boolean isClosed();

    /**
     * Returns the block to its pool, its written bytes wiped. Idempotent, from any thread. An {@link #access()
     * access} open on the calling thread is closed first; one open on another thread is waited for (see there).
     */
    @Override
    void close();
}
