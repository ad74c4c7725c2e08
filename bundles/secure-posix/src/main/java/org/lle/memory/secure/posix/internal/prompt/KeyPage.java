package org.lle.memory.secure.posix.internal.prompt;

import com.sun.jna.Pointer;
import org.lle.memory.secure.posix.internal.nativ.Errno;
import org.lle.memory.secure.posix.internal.nativ.LibC;

/**
 * The one page typed bytes arrive in: read(2) writes them here straight from the kernel, the prompt reads
 * them one at a time into locals and feeds them on, and wipes what it read before the next read. The page is
 * anonymous memory of its own, locked (when the lock limit allows), left out of core dumps and of forked
 * children, so a keystroke is never on the Java heap and never in a dump, whichever provider holds the line.
 */
final class KeyPage implements AutoCloseable {
    private final long address;
    private final int size;
    private final boolean locked;
    private final boolean dontDump;
    private boolean closed;

    private KeyPage(long address, int size, boolean locked, boolean dontDump) {
        this.address = address;
        this.size = size;
        this.locked = locked;
        this.dontDump = dontDump;
    }

    /** @throws IllegalStateException when no page can be mapped at all */
    static KeyPage open() {
        int pageSize = (int) LibC.sysconf(LibC.SC_PAGESIZE);
        if (pageSize <= 0) {
            pageSize = 4096;
        }
        long address = LibC.mmap(0, pageSize, LibC.PROT_READ | LibC.PROT_WRITE,
                LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        if (address == LibC.MAP_FAILED) {
            throw new IllegalStateException("cannot map a page for the typed keys: mmap failed with "
                    + Errno.describe(LibC.errno()));
        }
        boolean dontDump = LibC.madvise(address, pageSize, LibC.MADV_DONTDUMP) == 0;
        LibC.madvise(address, pageSize, LibC.MADV_DONTFORK);
        boolean locked = LibC.mlock(address, pageSize) == 0;
        return new KeyPage(address, pageSize, locked, dontDump);
    }

    long address() {
        return address;
    }

    int size() {
        return size;
    }

    /** @return whether the page is locked in RAM (it is not when the lock limit refused it) */
    boolean locked() {
        return locked;
    }

    /** @return whether the page is left out of core dumps */
    boolean dontDump() {
        return dontDump;
    }

    /** @return the byte at {@code index} as {@code 0..255} */
    int get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside the key page of " + size + " bytes");
        }
        return new Pointer(address).getByte(index) & 0xff;
    }

    /** Wipes the first {@code length} bytes (a native memset, which no JIT removes). */
    void wipe(int length) {
        if (length > 0) {
            new Pointer(address).setMemory(0, Math.min(length, size), (byte) 0);
        }
    }

    /** Wipes and unmaps the page (which also unlocks it). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            wipe(size);
            try {
                LibC.munmap(address, size);
            } catch (IllegalStateException released) {
                // the provider's component released libc first (bundle stopping): the wiped page stays mapped
            }
        }
    }
}
