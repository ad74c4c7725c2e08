package org.lle.memory.secure.testkit;

import org.lle.memory.secure.SecureResult;

/**
 * The shared table with the no-op provider's answers: nothing can be locked, so enable and disable are
 * unavailable (rather than "unknown region") and buffers are unlocked. Subclasses say how to reach it: the
 * provider itself, or something in front of it such as the broker.
 */
public abstract class NoopProviderContract extends SecureMemoryContract {

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
