package org.lle.memory.benchmarks.nativepeers;

import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a peer's shared library by its full soname, preferring the Debian multiarch path. */
final class NativeLibs {
    private static final Path MULTIARCH = Path.of("/usr/lib/x86_64-linux-gnu");

    private NativeLibs() {
    }

    /**
     * @param soname e.g. {@code libsodium.so.23}
     * @param debianPackage the package that ships it, named in the error so the fix is obvious
     */
    static NativeLibrary load(String soname, String debianPackage) {
        Path full = MULTIARCH.resolve(soname);
        String name = Files.exists(full) ? full.toString() : soname;
        try {
            return NativeLibrary.getInstance(name);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load " + soname + " (install the Debian package "
                    + debianPackage + "): " + e.getMessage(), e);
        }
    }
}
