package org.lle.memory.secure.line.internal;

import java.util.Objects;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLineFactory;

/** Makes {@link GapBufferSecretLine}s in one {@link SecureMemory}. */
public final class SecureMemorySecretLineFactory implements SecretLineFactory {
    private final SecureMemory memory;
    private final int defaultMaxLength;

    /**
     * @throws IllegalArgumentException when {@code defaultMaxLength} is outside {@code 1..}{@link #maxLengthLimit()}
     */
    public SecureMemorySecretLineFactory(SecureMemory memory, int defaultMaxLength) {
        this.memory = Objects.requireNonNull(memory, "memory");
        checkMaxLength(defaultMaxLength, "default maximum length");
        this.defaultMaxLength = defaultMaxLength;
    }

    @Override
    public SecretLine create() {
        return create(defaultMaxLength);
    }

    @Override
    public SecretLine create(int maxLength) {
        checkMaxLength(maxLength, "maximum length");
        return new GapBufferSecretLine(memory, maxLength);
    }

    @Override
    public int defaultMaxLength() {
        return defaultMaxLength;
    }

    @Override
    public int maxLengthLimit() {
        return Math.max(0, memory.maxAllocationSize() / 4);
    }

    @Override
    public SecureMemory memory() {
        return memory;
    }

    @Override
    public String toString() {
        return "SecretLineFactory[default max " + defaultMaxLength + " code points, memory " + memory + "]";
    }

    private void checkMaxLength(int maxLength, String what) {
        int limit = maxLengthLimit();
        if (maxLength < 1 || maxLength > limit) {
            throw new IllegalArgumentException(what + " " + maxLength + " code points is outside 1.." + limit
                    + " (the secure memory allocates at most " + memory.maxAllocationSize()
                    + " bytes, 4 per code point)");
        }
    }
}
