package org.lle.memory.secure.line.internal;

import org.junit.jupiter.api.AfterAll;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.testkit.SecretLineContract;

/** The secret-line contract over the POSIX provider: locked memory. */
class PosixSecretLineContractTest extends SecretLineContract {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());

    @AfterAll
    static void closeTheArena() {
        MEMORY.close();
    }

    @Override
    protected SecretLineFactory factory() {
        return new SecureMemorySecretLineFactory(MEMORY, SecretLineFactory.DEFAULT_MAX_LENGTH);
    }

    @Override
    protected boolean expectLocked() {
        return true;
    }
}
