package org.lle.memory.secure.noop.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.testkit.NoopProviderContract;

/** The shared bad-input table and buffer rules, against the no-op provider. */
class NoopSecureMemoryContractTest extends NoopProviderContract {

    @Override
    protected SecureMemory memory() {
        return new NoopSecureMemory();
    }
}
