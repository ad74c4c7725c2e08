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
 * raw memory writes C2 never eliminates. {@link VarHandle#fullFence()} orders the zeroes before anything
 * after the wipe. ({@link Reference#reachabilityFence} is kept for the bytecode contract only: on JDK 17 it is
 * an empty inlined method and adds nothing for C2.) The only case left, an array the JIT scalar-replaced,
 * never existed in memory.
 *
 * <p>Every caller region is wiped in Java, whatever its size: a caller's direct buffer may be a file mapping
 * truncated behind our back, and a fault there inside a foreign call ({@code explicit_bzero}) would kill the
 * JVM with SIGBUS, where the JVM turns the same fault in its own access into an {@link InternalError}.
 * Bulk zeroing in Java runs at memset speed, so nothing is lost.
 */
final class Wiper {
    private static final byte[] ZEROS = new byte[4096];

    private Wiper() {
    }

    static SecureResult clear(ByteBuffer region) {
        if (region == null || !region.hasRemaining() || region.isReadOnly()) {
            return SecureResult.INVALID_PARAMETER;
        }
        int from = region.position();
        int length = region.remaining();
        if (region.hasArray()) {
            int start = region.arrayOffset() + from;
            Arrays.fill(region.array(), start, start + length, (byte) 0);
        } else {
            zero(region, from, length);
        }
        fence(region);
        return SecureResult.SUCCESS;
    }

    static SecureResult clear(byte[] data) {
        if (data == null || data.length == 0) {
            return SecureResult.INVALID_PARAMETER;
        }
        Arrays.fill(data, (byte) 0);
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
        for (int i = from; i < end; i += ZEROS.length) {
            buffer.put(i, ZEROS, 0, Math.min(ZEROS.length, end - i));
        }
    }

    private static void fence(Object target) {
        VarHandle.fullFence();
        Reference.reachabilityFence(target);
    }
}
