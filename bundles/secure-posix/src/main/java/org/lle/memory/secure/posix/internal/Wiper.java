package org.lle.memory.secure.posix.internal;

import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.lle.memory.secure.SecureResult;

/**
 * Wipes no compiler can remove.
 *
 * <p>Why it holds: a store can only be dropped by the JIT when nobody can observe it. Arrays and buffers
 * handed to us are reachable by the caller (they escape), and stores to native memory (direct buffers) are
 * raw memory writes C2 never eliminates. {@link VarHandle#releaseFence()} keeps every later store (the one
 * that hands a slot to its next owner, or publishes the region) from being moved before the zeroes, by the
 * JIT or the CPU; on x86 it costs no instruction. A full fence would add a StoreLoad barrier that nothing
 * here needs (no Dekker protocol reads after a wipe) and measurably slows every wipe.
 * ({@link Reference#reachabilityFence} is kept for the bytecode contract only: on JDK 17 it is an empty
 * inlined method and adds nothing for C2.) The only case left, an array the JIT scalar-replaced, never
 * existed in memory.
 *
 * <p>Every caller region is wiped in Java, whatever its size: a caller's direct buffer may be a file mapping
 * truncated behind our back, and a fault there inside a foreign call ({@code explicit_bzero}) would kill the
 * JVM with SIGBUS, where the JVM turns the same fault in its own access into an {@link InternalError}.
 * Bulk zeroing in Java runs at memset speed, so nothing is lost.
 */
final class Wiper {
    /**
     * The source of every bulk wipe: zeroes off the heap, on a page of their own, never written (read-only
     * view; every use is an absolute get, so sharing it between threads is safe). A heap array lands anywhere
     * mod 64 and the GC moves it, and a cache-line aligned source can still straddle two pages: both made the
     * cost of a copy depend on where the source lay. A page-aligned source costs the same every time.
     */
    private static final ByteBuffer ZEROS = zeroSource();
    /**
     * Whether C2 turns {@code Arrays.fill} into its fill stub (HotSpot's OptimizeFill, on by default on x86
     * with AVX-512 since JDK 18, off on JDK 17). The stub is faster than the copy; without it a fill is slower
     * than the copy. A constant, so the JIT keeps only one branch. Read before {@link #ZERO_ARRAY} is made:
     * the objects the read allocates, made after it, left the array where the JDK 17 copy was slower.
     */
    private static final boolean FILL_IS_INTRINSIC = HotSpotFlag.isOn("OptimizeFill");
    /**
     * The source for byte[] wipes when {@code Arrays.fill} is not intrinsic: into the heap, the heap-to-heap
     * copy stub measured faster than a copy from {@link #ZEROS} or a compiled {@code Arrays.fill} loop.
     */
    private static final byte[] ZERO_ARRAY = new byte[4096];
    private static final int VIEW_ATTEMPTS = 64;
    /** Below this many bytes a store loop beats setting up a copy. */
    private static final int ARRAY_COPY_THRESHOLD = 64;

    private Wiper() {
    }

    /**
     * Off the heap when direct memory allows, else on it: this class may first load when direct memory has
     * run out, and a wipe must not fail then ({@code WipeWithoutDirectMemoryTest}).
     */
    private static ByteBuffer zeroSource() {
        try {
            return ByteBuffer.allocateDirect(2 * 4096).alignedSlice(4096).slice(0, 4096).asReadOnlyBuffer();
        } catch (OutOfMemoryError directMemoryExhausted) {
            return ByteBuffer.allocate(4096).asReadOnlyBuffer();
        }
    }

    /**
     * Reads the region's position and limit once each and wipes only between those values: a caller changing
     * them concurrently can never make the wipe reach outside the buffer (for a heap slice, outside its window
     * of the backing array); an empty pair raced into is INVALID_PARAMETER.
     */
    static SecureResult clear(ByteBuffer region) {
        if (region == null || region.isReadOnly()) {
            return SecureResult.INVALID_PARAMETER;
        }
        int from = region.position();
        int to = region.limit();
        if (from >= to) {
            return SecureResult.INVALID_PARAMETER;
        }
        if (region.hasArray()) {
            int base = region.arrayOffset();
            zero(region.array(), base + from, base + to);
        } else {
            ByteBuffer own = ownView(region);
            if (own == null) {
                return SecureResult.INVALID_PARAMETER;
            }
            zero(own, from, to - from);
        }
        fence(region);
        return SecureResult.SUCCESS;
    }

    /**
     * @return a view of all of {@code region} whose limit no other thread moves (absolute puts are checked
     *         against the limit, which a racing caller may lower mid-wipe), or {@code null} when the caller's
     *         position and limit kept changing under {@code duplicate()} (it throws on a pair read across two
     *         states) for {@value #VIEW_ATTEMPTS} attempts
     */
    static ByteBuffer ownView(ByteBuffer region) {
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

    static SecureResult clear(byte[] data) {
        if (data == null || data.length == 0) {
            return SecureResult.INVALID_PARAMETER;
        }
        zero(data, 0, data.length);
        fence(data);
        return SecureResult.SUCCESS;
    }

    static SecureResult clear(char[] data) {
        if (data == null || data.length == 0) {
            return SecureResult.INVALID_PARAMETER;
        }
        Arrays.fill(data, '\0');
        fence(data);
        return SecureResult.SUCCESS;
    }

    /** Zeroes {@code buffer[from..from+length)} with absolute bulk puts (position untouched), then fences. */
    static void wipe(ByteBuffer buffer, int from, int length) {
        zero(buffer, from, length);
        fence(buffer);
    }

    private static void zero(ByteBuffer buffer, int from, int length) {
        int end = from + length;
        for (int i = from; i < end; i += ZEROS.capacity()) {
            buffer.put(i, ZEROS, 0, Math.min(ZEROS.capacity(), end - i));
        }
    }

    private static void zero(byte[] data, int from, int to) {
        if (FILL_IS_INTRINSIC || to - from < ARRAY_COPY_THRESHOLD) {
            Arrays.fill(data, from, to, (byte) 0);
            return;
        }
        for (int i = from; i < to; i += ZERO_ARRAY.length) {
            System.arraycopy(ZERO_ARRAY, 0, data, i, Math.min(ZERO_ARRAY.length, to - i));
        }
    }

    private static void fence(Object target) {
        VarHandle.releaseFence();
        Reference.reachabilityFence(target);
    }
}
