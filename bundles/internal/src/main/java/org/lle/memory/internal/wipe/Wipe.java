package org.lle.memory.internal.wipe;

import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Zeroes memory so that no compiler removes the zeroes: stores into memory that outlives the call (a caller's
 * array or buffer, native memory), then a release fence (docs/architecture.md, "Wiping", says why that is
 * enough). Everything is zeroed in Java, never through a foreign call: a caller's direct buffer may be a file
 * mapping truncated behind its back, and the JVM turns a fault in its own access into an
 * {@link InternalError} where a fault inside {@code explicit_bzero} would kill it with SIGBUS.
 *
 * <p>The {@code clear} methods take whatever a caller hands over and return {@code false} (nothing wiped)
 * for null, read-only or empty input; {@link #range} is for memory the library owns.
 */
public final class Wipe {
    /** Bytes in {@link #ZEROS}: a few pages, so large regions take few copies. */
    private static final int SOURCE_SIZE = 16 * 1024;
    private static final int PAGE = 4096;
    /**
     * The source of every bulk wipe of a buffer: zeroes off the heap, page-aligned, never written (a read-only
     * view; every use is an absolute get, so threads share it). A heap array lands anywhere mod 64 and moves
     * with the GC, and an unaligned source can straddle one more page: both made the cost of a copy depend on
     * where the source lay. This one costs the same every time.
     */
    private static final ByteBuffer ZEROS = zeroSource();
    /** Up to this many bytes a few stores beat setting up a copy. */
    private static final int STORE_LOOP_LIMIT = 64;
    private static final int VIEW_ATTEMPTS = 64;

    private Wipe() {
    }

    /**
     * Off the heap when direct memory allows, else on it: this class may first load after the JVM's direct
     * memory ran out, and a wipe must work then too ({@code WipeWithoutDirectMemoryTest}).
     */
    private static ByteBuffer zeroSource() {
        try {
            return ByteBuffer.allocateDirect(SOURCE_SIZE + PAGE).alignedSlice(PAGE).slice(0, SOURCE_SIZE)
                    .asReadOnlyBuffer();
        } catch (OutOfMemoryError directMemoryExhausted) {
            return ByteBuffer.allocate(SOURCE_SIZE).asReadOnlyBuffer();
        }
    }

    /**
     * Zeroes a caller's region between its position and limit, each read once: a caller changing them
     * concurrently can never make the wipe reach outside the buffer (for a heap slice, outside its window of
     * the backing array) or throw. Position and limit stay as they are.
     *
     * @return false, with nothing wiped, for null, a read-only buffer, an empty region (or an empty pair read
     *         while another thread moved them) or a position and limit that kept changing under the read
     */
    public static boolean clear(ByteBuffer region) {
        if (region == null || region.isReadOnly()) {
            return false;
        }
        int from = region.position();
        int to = region.limit();
        if (from >= to) {
            return false;
        }
        if (region.hasArray()) {
            int base = region.arrayOffset();
            zero(region.array(), base + from, base + to);
        } else {
            ByteBuffer own = ownView(region);
            if (own == null) {
                return false;
            }
            zero(own, from, to - from);
        }
        fence(region);
        return true;
    }

    /** @return false, with nothing wiped, for null or an empty array */
    public static boolean clear(byte[] data) {
        if (data == null || data.length == 0) {
            return false;
        }
        zero(data, 0, data.length);
        fence(data);
        return true;
    }

    /** @return false, with nothing wiped, for null or an empty array */
    public static boolean clear(char[] data) {
        if (data == null || data.length == 0) {
            return false;
        }
        Arrays.fill(data, '\0');
        fence(data);
        return true;
    }

    /**
     * Zeroes {@code buffer[from..from+length)} of memory the library owns, with absolute stores: position and
     * limit are neither read nor moved.
     *
     * @throws IndexOutOfBoundsException if the range does not lie inside the buffer's limit
     */
    public static void range(ByteBuffer buffer, int from, int length) {
        if (buffer.hasArray()) {
            int base = buffer.arrayOffset();
            Objects.checkFromIndexSize(from, length, buffer.limit());
            zero(buffer.array(), base + from, base + from + length);
        } else {
            zero(buffer, from, length);
        }
        fence(buffer);
    }

    /**
     * @return a view of all of {@code region} whose limit no other thread moves (absolute puts are checked
     *         against the limit, which a racing caller may lower mid-wipe), or {@code null} when the caller's
     *         position and limit kept changing under {@code duplicate()} (it throws on a pair read across two
     *         states) for {@value #VIEW_ATTEMPTS} attempts
     */
    private static ByteBuffer ownView(ByteBuffer region) {
        for (int attempt = 0; attempt < VIEW_ATTEMPTS; attempt++) {
            try {
                ByteBuffer own = region.duplicate();
                return own.limit(own.capacity());
            } catch (IllegalArgumentException changedUnderUs) {
                // position read above a limit read later: read both again
            }
        }
        return null;
    }

    private static void zero(ByteBuffer buffer, int from, int length) {
        int end = from + length;
        if (length <= STORE_LOOP_LIMIT) {
            int i = from;
            for (; i + Long.BYTES <= end; i += Long.BYTES) {
                buffer.putLong(i, 0L);
            }
            for (; i < end; i++) {
                buffer.put(i, (byte) 0);
            }
            return;
        }
        for (int at = from; at < end;) {
            int n = Math.min(SOURCE_SIZE, end - at);
            buffer.put(at, ZEROS, 0, n);
            at += n;
        }
    }

    /**
     * {@code Arrays.fill}: C2 compiles it to its fill stub where it has one and to a vectorized loop where it has
     * not, so it is the plain zeroing an application would write itself, at the same speed; a copy from a heap
     * zero array was no faster over enough JVM runs and its speed depended on where that array lay in the heap.
     */
    private static void zero(byte[] data, int from, int to) {
        Arrays.fill(data, from, to, (byte) 0);
    }

    /** No later store (the one handing the memory to its next owner) moves before the zeroes. */
    private static void fence(Object target) {
        VarHandle.releaseFence();
        Reference.reachabilityFence(target);
    }
}
