package org.lle.memory.secure.noop.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.testkit.SecureMemoryContract;

/** The shared bad-input table and buffer rules, against the no-op provider. */
class NoopSecureMemoryContractTest extends SecureMemoryContract {

    @Override
    protected SecureMemory memory() {
        return new NoopSecureMemory();
    }

    @Override
    protected SecureResult expectedEnableResult() {
        return SecureResult.FEATURE_NOT_AVAILABLE;
    }

    @Override
    protected SecureResult expectedDisableOfUnlockedRegionResult() {
        // nothing can be locked, so disable is unavailable rather than "unknown region"
        return SecureResult.FEATURE_NOT_AVAILABLE;
    }

    @Override
    protected boolean expectBuffersLocked() {
        return false;
    }

    @Override
    protected String expectedProviderName() {
        return "noop";
    }
}
