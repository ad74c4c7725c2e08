package org.lle.memory.secure.line;

import org.lle.memory.secure.SecureMemory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes {@link SecretLine}s. Thread safe.
 *
 * <p>In OSGi this is a service (configuration PID {@code org.lle.memory.secure.line}, property
 * {@code defaultMaxLength}); its lines live in the {@link org.lle.memory.secure.SecureMemoryBroker} when one is
 * registered, so they survive a change of the provider, and otherwise in the best {@link SecureMemory}. On a
 * plain classpath get one from {@link SecretLines}.
 */
@ProviderType
public interface SecretLineFactory {

    /** The maximum length, in code points, of {@link #create()}'s lines unless configured otherwise. */
    int DEFAULT_MAX_LENGTH = 1024;

    /**
     * Creates an empty line of the default maximum length, as {@code create(defaultMaxLength())}.
     *
     * @return a new empty line that takes at most {@link #defaultMaxLength()} code points; the caller closes it
     * @throws IllegalArgumentException when {@link #defaultMaxLength()} is above {@link #maxLengthLimit()} now
     *         (behind a broker, the provider bound now may allow less than the one bound at creation), naming the
     *         value and the limit
     * @throws org.lle.memory.secure.SecureMemoryException when the secure memory cannot give the first buffer
     */
    SecretLine create();

    /**
     * Creates an empty line. Its buffer starts small and grows as text is typed, up to four bytes per code point
     * of {@code maxLength}.
     *
     * @param maxLength the most code points the line takes, {@code 1..}{@link #maxLengthLimit()}
     * @return a new empty line; the caller closes it
     * @throws IllegalArgumentException for a {@code maxLength} outside that range, naming the value and the limit
     * @throws org.lle.memory.secure.SecureMemoryException when the secure memory cannot give the first buffer
     */
    SecretLine create(int maxLength);

    /**
     * Tells the maximum length {@link #create()} gives its lines.
     *
     * @return the maximum length in code points of {@link #create()}'s lines
     */
    int defaultMaxLength();

    /**
     * Tells the longest line the secure memory can hold now. Behind a broker it follows the provider bound now.
     *
     * @return the largest {@code maxLength} {@link #create(int)} accepts: the secure memory must be able to hold
     *         four bytes (the longest UTF-8 encoding) for each code point
     */
    int maxLengthLimit();

    /**
     * Tells where the lines keep their text.
     *
     * @return the secure memory the lines keep their text in
     */
    SecureMemory memory();
}
