package org.lle.memory.secure.broker.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.testkit.NoopProviderContract;

/** The broker in front of the no-op provider passes the same table as the provider itself. */
class HotSwapBrokerContractTest extends NoopProviderContract {

    @Override
    protected SecureMemory memory() {
        HotSwapBroker broker = new HotSwapBroker();
        broker.bind(new NoopSecureMemory());
        return broker;
    }
}
