package org.lle.memory.secure.posix.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** The arena's loud messages: corrupted canaries, leaked buffers, lock failures. Never logs contents. */
final class ArenaLog {
    private static final Logger LOG = System.getLogger("org.lle.memory.secure.posix");

    private ArenaLog() {
    }

    static String canaryMessage(ArenaSlot slot) {
        return "secure memory corrupted: the canary after " + slot
                + " was overwritten (something wrote past the buffer's end); the buffer was wiped and released";
    }

    static void canaryCorrupted(ArenaSlot slot) {
        LOG.log(Level.ERROR, canaryMessage(slot));
    }

    static void leaked(ArenaSlot slot) {
        LOG.log(Level.WARNING, "secure buffer leak: " + slot
                + " became unreachable without close(); the leak guard wiped and released it");
    }

    static void lockFailed(NativeFailure failure, String limit) {
        LOG.log(Level.WARNING, "secure memory degraded: " + failure.getMessage() + " (" + limit
                + "); handing out unlocked buffers (set lle.secure.posix.strict=true to fail instead)");
    }

    static void unmapFailed(int dataBytes) {
        LOG.log(Level.ERROR, "munmap of a wiped " + dataBytes + "-byte secure chunk failed; it stays mapped and "
                + "is tried again at the next trim, new chunk or shutdown");
    }

    static void watcherFailed(RuntimeException e) {
        LOG.log(Level.ERROR, "the secure-buffer leak guard failed to release a leaked buffer", e);
    }

    static void closeFailed(ArenaSlot slot, RuntimeException e) {
        LOG.log(Level.ERROR, "closing " + slot + " during provider shutdown failed", e);
    }
}
