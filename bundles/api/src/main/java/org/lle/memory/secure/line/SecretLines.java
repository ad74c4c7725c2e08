package org.lle.memory.secure.line;

import java.util.ServiceLoader;
import org.lle.memory.secure.SecureMemories;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.spi.SecretLineFactoryProvider;

/**
 * Plain-classpath entry point for secret lines (put {@code lle-memory-secure-line} on the class path). In OSGi,
 * bind the {@link SecretLineFactory} service instead.
 */
public final class SecretLines {
    private SecretLines() {
    }

    /**
     * Finds the best secure memory that works here and a factory for lines in it.
     *
     * @return a factory whose lines keep their text in {@link SecureMemories#detect()}'s provider, with the default
     *         maximum length
     * @throws IllegalStateException when no secure-memory provider works here, or no secret-line implementation is
     *         on the class path
     */
    public static SecretLineFactory factory() {
        return factory(SecureMemories.detect());
    }

    /**
     * Makes a factory for lines in a given secure memory, with {@link SecretLineFactory#DEFAULT_MAX_LENGTH}.
     *
     * @param memory where the lines keep their text
     * @return a factory with the default maximum length
     * @throws NullPointerException when {@code memory} is {@code null}
     * @throws IllegalArgumentException when {@code memory} cannot hold a line of the default maximum length
     * @throws IllegalStateException when no secret-line implementation is on the class path
     */
    public static SecretLineFactory factory(SecureMemory memory) {
        return factory(memory, SecretLineFactory.DEFAULT_MAX_LENGTH);
    }

    /**
     * Makes a factory for lines in a given secure memory, with a chosen default maximum length.
     *
     * @param memory where the lines keep their text
     * @param defaultMaxLength the maximum length in code points of {@link SecretLineFactory#create()}'s lines
     * @return a factory
     * @throws NullPointerException when {@code memory} is {@code null}
     * @throws IllegalArgumentException when {@code defaultMaxLength} is not positive or too large for {@code memory}
     * @throws IllegalStateException when no secret-line implementation is on the class path
     */
    public static SecretLineFactory factory(SecureMemory memory, int defaultMaxLength) {
        if (memory == null) {
            throw new NullPointerException("memory");
        }
        return provider().create(memory, defaultMaxLength);
    }

    private static SecretLineFactoryProvider provider() {
        for (SecretLineFactoryProvider p : ServiceLoader.load(SecretLineFactoryProvider.class,
                SecretLines.class.getClassLoader())) {
            return p;
        }
        for (SecretLineFactoryProvider p : ServiceLoader.load(SecretLineFactoryProvider.class)) {
            return p;
        }
        throw new IllegalStateException("no secret-line implementation on the class path; "
                + "put lle-memory-secure-line on it");
    }
}
