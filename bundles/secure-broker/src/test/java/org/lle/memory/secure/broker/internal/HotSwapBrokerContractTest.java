package org.lle.memory.secure.broker.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.testkit.SecureMemoryContract;

/** The broker in front of the no-op provider passes the same table as the provider itself. */
class HotSwapBrokerContractTest extends SecureMemoryContract {

    @Override
    protected SecureMemory memory() {
        HotSwapBroker broker = new HotSwapBroker();
        broker.bind(new NoopSecureMemory());
        return broker;
    }

    @Override
    protected SecureResult expectedEnableResult() {
        return SecureResult.FEATURE_NOT_AVAILABLE;
    }

    @Override
    protected SecureResult expectedDisableOfUnlockedRegionResult() {
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
