package org.lle.memory.secure.noop.internal;

import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.testkit.RegionRaceContract;

/** Item 5 of issue 9 for the no-op provider: secureClear reads the caller's position and limit once. */
class NoopRegionRaceTest extends RegionRaceContract {
    private static final NoopSecureMemory MEMORY = new NoopSecureMemory();

    @Override
    protected SecureMemory memory() {
        return MEMORY;
    }
}
