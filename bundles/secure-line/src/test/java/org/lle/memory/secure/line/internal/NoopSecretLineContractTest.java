package org.lle.memory.secure.line.internal;

import org.lle.memory.secure.line.SecretLineFactory;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.testkit.SecretLineContract;

/** The secret-line contract over the degraded no-op provider: the same rules, memory not locked. */
class NoopSecretLineContractTest extends SecretLineContract {

    @Override
    protected SecretLineFactory factory() {
        return new SecureMemorySecretLineFactory(new NoopSecureMemory(), 200);
    }

    @Override
    protected boolean expectLocked() {
        return false;
    }
}
