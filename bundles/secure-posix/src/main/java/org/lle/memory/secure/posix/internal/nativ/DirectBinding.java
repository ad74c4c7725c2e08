package org.lle.memory.secure.posix.internal.nativ;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** Registers a class's native methods with libc through JNA's direct mapping, and releases the registration. */
final class DirectBinding {
    private DirectBinding() {
    }

    static void register(Class<?> raw) {
        Native.register(raw, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /**
     * Unregisters {@code raw}. Besides the registration, JNA caches the options of each registered class in a
     * WeakHashMap whose value names the class itself ("enclosing-library"), so the entry never clears: that value
     * is dropped too, or the bundle revision's class loader would stay referenced.
     *
     * @param what the binding, for the warning when JNA's cache cannot be changed
     */
    static void unregister(Class<?> raw, String what) {
        Native.unregister(raw);
        try {
            Native.getLibraryOptions(raw).values().removeIf(value -> value == raw);
        } catch (UnsupportedOperationException immutable) {
            System.getLogger(raw.getName()).log(System.Logger.Level.WARNING, "JNA's cached options of the " + what
                    + " cannot be changed; this bundle revision's class loader stays referenced by JNA", immutable);
        }
    }
}
