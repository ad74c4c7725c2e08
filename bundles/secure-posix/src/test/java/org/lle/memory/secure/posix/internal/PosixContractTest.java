package org.lle.memory.secure.posix.internal;

import org.junit.jupiter.api.AfterAll;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.testkit.SecureMemoryContract;

/** The shared bad-input table and buffer rules, against the POSIX provider (privileged path here: root). */
class PosixContractTest extends SecureMemoryContract {
    private static final PosixSecureMemory MEMORY = new PosixSecureMemory(PosixSettings.defaults());

    @AfterAll
    static void closeTheArena() {
        MEMORY.close();
    }

    @Override
    protected SecureMemory memory() {
        return MEMORY;
    }

    @Override
    protected SecureResult expectedEnableResult() {
        return SecureResult.SUCCESS;
    }

    @Override
    protected boolean expectBuffersLocked() {
        return true;
    }

    @Override
    protected String expectedProviderName() {
        return "posix";
    }
}
