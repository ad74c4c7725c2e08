package org.lle.memory.secure.noop.internal;

import java.nio.ByteBuffer;

/** The input rules of the region calls, shared by every call so that they agree with the real provider. */
final class RegionChecks {
    private RegionChecks() {
    }

    /**
     * @return whether {@code region} may be locked: non-null, non-empty, direct (read-only is fine); position
     *         and limit are read once each
     */
    static boolean lockable(ByteBuffer region) {
        return region != null && region.isDirect() && region.position() < region.limit();
    }
}
