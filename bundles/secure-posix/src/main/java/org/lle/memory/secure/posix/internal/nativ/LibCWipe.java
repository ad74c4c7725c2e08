package org.lle.memory.secure.posix.internal.nativ;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * {@code explicit_bzero} (glibc 2.25+, musl, BSDs): a wipe the C compiler promises never to drop. Kept apart
 * from {@link LibC} because it may be missing: a missing symbol fails only this class's initialiser, and the
 * provider then wipes large regions with {@link LibC#memset} (also opaque to every compiler: a foreign call).
 */
public final class LibCWipe {

    static {
        Native.register(LibCWipe.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibCWipe() {
    }

    public static native void explicit_bzero(long address, long length);
}
