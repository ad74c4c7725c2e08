package org.lle.memory.secure.posix.internal;

import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.LibC;
import org.lle.memory.secure.posix.internal.nativ.LibCWipe;

/**
 * Wipes no compiler can remove.
 *
 * <p>Why the Java path holds: a store can only be dropped by the JIT when nobody can observe it. Arrays and
 * buffers handed to us are reachable by the caller (they escape), and stores to native memory (direct
 * buffers) are raw memory writes C2 never eliminates. {@link VarHandle#fullFence()} then orders the zeroes
 * before anything after the wipe, and {@link Reference#reachabilityFence} keeps the target alive (so not
 * collectable, hence not "dead") until the fence. The only case left, an array the JIT scalar-replaced,
 * never existed in memory. Large direct regions go to {@code explicit_bzero} (or {@code memset}): a
 * foreign call, opaque to javac, the JIT and the C compiler alike.
 */
final class Wiper {
    /** Below this, a JNA call (about 70 ns) costs more than the Java wipe. */
    static final int NATIVE_THRESHOLD = 16 * 1024;
    private static final byte[] ZEROS = new byte[4096];

    private final boolean nativeWipe;
    private final boolean explicitBzero;

    Wiper(ProbeResult probe) {
        this.nativeWipe = probe.usable();
        this.explicitBzero = probe.explicitBzero();
    }

    SecureResult clear(ByteBuffer region) {
        if (region == null || !region.hasRemaining() || region.isReadOnly()) {
            return SecureResult.INVALID_PARAMETER;
        }
        int from = region.position();
        int length = region.remaining();
        if (region.hasArray()) {
            int start = region.arrayOffset() + from;
            Arrays.fill(region.array(), start, start + length, (byte) 0);
        } else if (region.isDirect() && nativeWipe && length >= NATIVE_THRESHOLD) {
            wipeNative(DirectAddress.of(region) + from, length);
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

    private void wipeNative(long address, long length) {
        if (explicitBzero) {
            LibCWipe.explicit_bzero(address, length);
        } else {
            LibC.memset(address, 0, length);
        }
    }

    private static void fence(Object target) {
        VarHandle.fullFence();
        Reference.reachabilityFence(target);
    }
}
