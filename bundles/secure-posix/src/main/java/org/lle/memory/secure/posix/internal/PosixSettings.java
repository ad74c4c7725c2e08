package org.lle.memory.secure.posix.internal;

import java.util.function.Function;
import org.lle.memory.secure.SecureMemoryProperties;

/**
 * The POSIX provider's configuration. On a plain classpath it comes from system properties (names below),
 * in OSGi from the metatype configuration {@code org.lle.memory.secure.posix}.
 *
 * @param strict      {@code true}: {@code allocate} throws {@link org.lle.memory.secure.SecureMemoryException}
 *                    when it cannot lock, or when memfd_secret is on and a chunk cannot be memfd_secret
 *                    memory, instead of handing out a less protected buffer (never less than configured)
 * @param memfdSecret {@code true}: arena chunks come from {@code memfd_secret(2)} when the kernel allows it.
 *                    Off by default: while any secretmem exists the kernel refuses to hibernate, and each
 *                    chunk splits the kernel's direct map (the kernel documentation warns of the cost);
 *                    mmap + mlock + MADV_DONTDUMP + MADV_DONTFORK already keeps secrets out of swap, core
 *                    dumps and children. Turn it on to also hide them from the kernel and /proc/pid/mem.
 *                    A chunk the kernel refuses falls back to anonymous memory, and MEMFD_SECRET is then no
 *                    longer claimed by this provider (see {@code SecretMemoryFallback}).
 * @param chunkSize   bytes of data per arena chunk (rounded up to pages), {@value #MIN_CHUNK_SIZE}..
 *                    {@value #MAX_CHUNK_SIZE}
 * @param disabled    {@code true}: the provider does not offer itself
 */
public record PosixSettings(boolean strict, boolean memfdSecret, int chunkSize, boolean disabled) {

    public static final String STRICT = "lle.secure.posix.strict";
    public static final String MEMFD_SECRET = "lle.secure.posix.memfdSecret";
    public static final String CHUNK_SIZE = "lle.secure.posix.chunkSize";
    public static final String DISABLED = SecureMemoryProperties.POSIX_DISABLED;

    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;
    public static final int MIN_CHUNK_SIZE = 16 * 1024;
    public static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;

    public PosixSettings {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is outside " + MIN_CHUNK_SIZE + ".."
                    + MAX_CHUNK_SIZE + " bytes");
        }
    }

    /** @return not strict, no memfd_secret, 256 KiB chunks, enabled */
    public static PosixSettings defaults() {
        return new PosixSettings(false, false, DEFAULT_CHUNK_SIZE, false);
    }

    /** @return the settings named by system properties, defaults for those not set */
    public static PosixSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /** @return the settings read through {@code lookup} (property name to value or {@code null}) */
    public static PosixSettings from(Function<String, String> lookup) {
        PosixSettings d = defaults();
        return new PosixSettings(flag(lookup, STRICT, d.strict), flag(lookup, MEMFD_SECRET, d.memfdSecret),
                integer(lookup, CHUNK_SIZE, d.chunkSize), flag(lookup, DISABLED, d.disabled));
    }

    private static boolean flag(Function<String, String> lookup, String name, boolean fallback) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static int integer(Function<String, String> lookup, String name, int fallback) {
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number of bytes", e);
        }
    }
}
