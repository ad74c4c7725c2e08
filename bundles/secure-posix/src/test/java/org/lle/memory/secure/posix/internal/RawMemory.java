package org.lle.memory.secure.posix.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Test-only pages straight from mmap, bypassing the provider's {@code LibC} (and so its fault seam): a region
 * for enable/disable that the test unmaps itself, so no lock on it can outlive a case.
 */
final class RawMemory implements AutoCloseable {
    static {
        Native.register(RawMemory.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private static native long mmap(long address, long length, int prot, int flags, int fd, long offset);

    private static native int munmap(long address, long length);

    final long address;
    final int length;

    RawMemory(int length) {
        this.length = length;
        this.address = mmap(0, length, 3, 0x22, -1, 0); // PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
        if (address == -1) {
            throw new IllegalStateException("test mmap failed: errno " + Native.getLastError());
        }
    }

    ByteBuffer buffer() {
        return new Pointer(address).getByteBuffer(0, length);
    }

    @Override
    public void close() {
        if (munmap(address, length) != 0) {
            throw new IllegalStateException("test munmap failed: errno " + Native.getLastError());
        }
    }
}
