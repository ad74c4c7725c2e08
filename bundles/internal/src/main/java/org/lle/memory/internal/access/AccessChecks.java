package org.lle.memory.internal.access;

import java.util.Objects;

/**
 * Checks of the access views, static and small so the JIT inlines them into each call: nothing is allocated
 * unless a check fails, and a failed check changes nothing, since every call checks before it touches memory.
 */
public final class AccessChecks {
    private AccessChecks() {
    }

    /**
     * Checks a transfer of {@code length} bytes between {@code index} of a memory of {@code size} bytes and
     * {@code offset} of {@code array}: the array is not null ({@link NullPointerException} naming {@code
     * arrayName}), then the memory's range, then the array's ({@link IndexOutOfBoundsException} with the JDK's
     * message of {@link Objects#checkFromIndexSize}); overflow-safe.
     */
    public static void checkTransfer(int index, int length, int size, byte[] array, int offset, String arrayName) {
        Objects.requireNonNull(array, arrayName);
        Objects.checkFromIndexSize(index, length, size);
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** @return the error of a call on a closed access to a secure buffer of {@code size} bytes */
    public static IllegalStateException closedSecureAccess(int size) {
        return new IllegalStateException("this access to a secure buffer of " + size + " bytes is closed");
    }

    /** @return the error of a call from another thread than the {@code owner} of a secure buffer's access */
    public static IllegalStateException foreignSecureAccess(Thread owner) {
        return new IllegalStateException("this access to a secure buffer belongs to thread " + owner.getName()
                + "; it cannot be used from thread " + Thread.currentThread().getName());
    }
}
