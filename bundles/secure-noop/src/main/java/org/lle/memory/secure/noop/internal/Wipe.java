package org.lle.memory.secure.noop.internal;

import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Wipes that javac, C1 and C2 cannot remove. Zero stores to memory the caller can still see are already not
 * dead stores; three further steps make that hold whatever the JIT learns about the caller: a full fence
 * orders the stores before anything that follows, the wiped memory is read back and folded into a volatile
 * field (an observable side effect that depends on every zero), and a reachability fence keeps the target
 * alive until the read-back is done.
 */
final class Wipe {
    private static final byte[] ZEROS = new byte[4096];

    /** Written with the fold of every wiped byte; volatile, so the read-back cannot be optimised away. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private Wipe() {
    }

    static void bytes(byte[] data, int from, int to) {
        Arrays.fill(data, from, to, (byte) 0);
        VarHandle.fullFence();
        long fold = 0;
        for (int i = from; i < to; i++) {
            fold |= data[i];
        }
        sink = fold;
        Reference.reachabilityFence(data);
    }

    static void chars(char[] data) {
        Arrays.fill(data, '\0');
        VarHandle.fullFence();
        long fold = 0;
        for (char c : data) {
            fold |= c;
        }
        sink = fold;
        Reference.reachabilityFence(data);
    }

    /**
     * @return a view of all of {@code buffer} whose limit no other thread moves (absolute puts are checked
     *         against the limit, which a racing caller may lower mid-wipe), or {@code null} when the caller's
     *         position and limit kept changing under {@code duplicate()} (it throws on a pair read across two
     *         states) for 64 attempts
     */
    static ByteBuffer ownView(ByteBuffer buffer) {
        for (int attempt = 0; attempt < 64; attempt++) {
            try {
                ByteBuffer own = buffer.duplicate();
                return own.limit(own.capacity());
            } catch (IllegalArgumentException changedUnderUs) {
                // position read above a limit read later: read both again
            }
        }
        return null;
    }

    /** Wipes {@code from..to} of a writable buffer with absolute puts; position and limit stay as they are. */
    static void region(ByteBuffer buffer, int from, int to) {
        if (buffer.hasArray()) {
            bytes(buffer.array(), buffer.arrayOffset() + from, buffer.arrayOffset() + to);
            return;
        }
        for (int at = from; at < to; at += ZEROS.length) {
            buffer.put(at, ZEROS, 0, Math.min(ZEROS.length, to - at));
        }
        VarHandle.fullFence();
        long fold = 0;
        int at = from;
        for (; at + Long.BYTES <= to; at += Long.BYTES) {
            fold |= buffer.getLong(at);
        }
        for (; at < to; at++) {
            fold |= buffer.get(at);
        }
        sink = fold;
        Reference.reachabilityFence(buffer);
    }
}
