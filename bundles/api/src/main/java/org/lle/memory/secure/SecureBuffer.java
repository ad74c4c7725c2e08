package org.lle.memory.secure;

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
