package org.lle.memory.secure.line.internal;

import org.junit.jupiter.api.AfterAll;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.posix.internal.PosixSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSettings;
import org.lle.memory.secure.testkit.SecretLineContract;

/** The secret-line contract through the hot-swap broker in front of the POSIX provider. */
class BrokerSecretLineContractTest extends SecretLineContract {
    private static final PosixSecureMemory POSIX = new PosixSecureMemory(PosixSettings.defaults());

    @AfterAll
    static void closeTheArena() {
        POSIX.close();
    }

    @Override
    protected SecretLineFactory factory() {
        HotSwapBroker broker = new HotSwapBroker();
        broker.bind(POSIX);
        return new SecureMemorySecretLineFactory(broker, SecretLineFactory.DEFAULT_MAX_LENGTH);
    }

    @Override
    protected boolean expectLocked() {
        return true;
    }
}
