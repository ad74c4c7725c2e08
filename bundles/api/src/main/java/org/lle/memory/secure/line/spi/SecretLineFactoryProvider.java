package org.lle.memory.secure.line.spi;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.SecretLineFactory;
import org.osgi.annotation.versioning.ConsumerType;

/** The secret-line implementation, registered in {@code META-INF/services}. */
@ConsumerType
public interface SecretLineFactoryProvider {

    /**
     * Makes a factory for lines in a given secure memory; {@link org.lle.memory.secure.line.SecretLines} calls it.
     *
     * @param memory where the lines keep their text
     * @param defaultMaxLength the maximum length in code points of lines made by {@link SecretLineFactory#create()}
     * @return a factory whose lines keep their text in {@code memory}
     * @throws IllegalArgumentException when {@code defaultMaxLength} is outside
     *         {@code 1..}{@link SecretLineFactory#maxLengthLimit()} of that factory
     */
    SecretLineFactory create(SecureMemory memory, int defaultMaxLength);
}
