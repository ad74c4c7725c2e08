package org.lle.memory.secure.posix.internal;

/**
 * Switches that turn one protection of {@link ArenaSlot} off, for the control runs of the tests that prove it: a
 * child JVM started with the system property set shows that the test catches what the protection prevents. Read
 * once, when the class initializes: constants, so the JIT drops the unused branches and production pays nothing.
 */
final class SlotControlRuns {
    /**
     * {@code -Dlle.secure.posix.unguardedForTest=true}, for the race stress test: the guard is off (accesses
     * neither check nor count, an access opens on a closed slot, close waits for nothing), so the test can show
     * that it catches an access reaching a later owner's memory.
     */
    static final boolean UNGUARDED = Boolean.getBoolean("lle.secure.posix.unguardedForTest");

    /**
     * {@code -Dlle.secure.posix.untrackedWritesForTest=true}, for the wipe read-back test: writes are not
     * recorded, so close wipes only the canary, and the test can show that it finds the bytes each write path left.
     */
    static final boolean UNTRACKED_WRITES = Boolean.getBoolean("lle.secure.posix.untrackedWritesForTest");

    private SlotControlRuns() {
    }
}
