package org.lle.memory.secure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.lle.memory.secure.spi.SecureMemoryProvider;

/**
 * Plain-classpath entry point: picks the best provider that works on this platform. In OSGi, bind the
 * {@link SecureMemory} service instead.
 */
public final class SecureMemories {
    private SecureMemories() {
    }

    /**
     * Finds the secure memory to use: providers are tried from the highest {@link SecureMemoryProvider#ranking()}
     * down, and the first whose probe passes wins. A probe that throws counts as a refusal. Check
     * {@link SecureMemory#info()} of the result: the no-op fallback works everywhere but is degraded.
     *
     * @return the shared instance of the highest-ranking provider on the class path whose probe passes
     * @throws IllegalStateException when none does (put {@code lle-memory-secure-noop} on the class path)
     */
    public static SecureMemory detect() {
        List<SecureMemoryProvider> providers = providers();
        providers.sort(Comparator.comparingInt(SecureMemoryProvider::ranking).reversed());
        StringBuilder refused = new StringBuilder();
        for (SecureMemoryProvider p : providers) {
            boolean supported;
            try {
                supported = p.isSupported();
            } catch (RuntimeException | LinkageError e) {
                supported = false;
            }
            if (supported) {
                return p.get();
            }
            refused.append(refused.length() == 0 ? "" : ", ").append(p.name());
        }
        throw new IllegalStateException("no secure-memory provider works here"
                + (refused.length() == 0 ? " (none on the class path" : " (refused: " + refused)
                + "); put lle-memory-secure-noop on the class path for the degraded fallback");
    }

    /**
     * Lists the providers without probing them, for diagnostics or a host's own choice.
     *
     * @return a new list of every provider on the class path, working or not
     */
    public static List<SecureMemoryProvider> providers() {
        List<SecureMemoryProvider> list = new ArrayList<>();
        ServiceLoader.load(SecureMemoryProvider.class, SecureMemories.class.getClassLoader()).forEach(list::add);
        if (list.isEmpty()) {
            ServiceLoader.load(SecureMemoryProvider.class).forEach(list::add);
        }
        return list;
    }
}
