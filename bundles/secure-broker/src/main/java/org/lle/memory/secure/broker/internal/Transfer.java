package org.lle.memory.secure.broker.internal;

import java.util.Arrays;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/** Copies a secret between two secure buffers through a small scratch array wiped after every chunk. */
final class Transfer {
    /** Small, so at most this many secret bytes sit on the heap at once, and only for one chunk. */
    static final int CHUNK = 256;

    private Transfer() {
    }

    /** Copies all of {@code from} into {@code to} (same size); {@code wiper} wipes the scratch array. */
    static void copy(SecureBuffer from, SecureBuffer to, SecureMemory wiper) {
        byte[] scratch = new byte[Math.min(CHUNK, from.size())];
        for (int at = 0; at < from.size(); at += scratch.length) {
            int length = Math.min(scratch.length, from.size() - at);
            try {
                from.read(at, scratch, 0, length);
                to.write(at, scratch, 0, length);
            } finally {
                wipe(scratch, wiper);
            }
        }
    }

    private static void wipe(byte[] scratch, SecureMemory wiper) {
        // the provider's wipe is the one no compiler can drop; the fill is the fallback if it refuses
        if (!wiper.secureClear(scratch).isSuccess()) {
            Arrays.fill(scratch, (byte) 0);
        }
    }
}
