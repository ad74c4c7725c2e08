package org.lle.memory.secure.noop.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.testkit.SecureMemoryModelContract;

/** The model-based tests of the testkit against the no-op provider. */
class NoopModelTest extends SecureMemoryModelContract {

    @Override
    protected SecureMemory newMemory() {
        return new NoopSecureMemory();
    }

    @Override
    protected void closeMemory(SecureMemory memory) {
        // nothing to release: every buffer was closed by the model
    }

    @Override
    protected boolean regionsLock() {
        return false;
    }
}
