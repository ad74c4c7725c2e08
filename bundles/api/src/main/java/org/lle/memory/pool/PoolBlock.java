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
     * A borrowed view over the block's {@link #size()} bytes: position 0, limit {@code size()}, only
     * these bytes reachable. It is valid only until {@link #close()}; after that the pool may hand the
     * memory to a new owner, so a view kept past close is a bug in the caller (the checked methods above
     * throw instead). The memory stays mapped as long as the view is reachable, so even a misused view
     * cannot crash the JVM.
     */
    ByteBuffer asByteBuffer();

    /** @return whether {@link #close()} has been called (or the system closed) */
    boolean isClosed();

    /** Returns the block to its pool. Idempotent, from any thread. */
    @Override
    void close();
}
