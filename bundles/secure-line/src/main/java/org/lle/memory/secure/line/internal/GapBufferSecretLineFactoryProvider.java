package org.lle.memory.secure.line.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.line.spi.SecretLineFactoryProvider;

/** The plain-classpath entry ({@code META-INF/services}) behind {@code SecretLines.factory()}. */
public final class GapBufferSecretLineFactoryProvider implements SecretLineFactoryProvider {

    @Override
    public SecretLineFactory create(SecureMemory memory, int defaultMaxLength) {
        return new SecureMemorySecretLineFactory(memory, defaultMaxLength);
    }
}
