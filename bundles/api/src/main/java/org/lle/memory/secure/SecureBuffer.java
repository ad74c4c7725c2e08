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
