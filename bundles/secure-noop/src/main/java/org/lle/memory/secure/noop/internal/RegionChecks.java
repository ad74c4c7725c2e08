package org.lle.memory.secure.noop.internal;

import java.nio.ByteBuffer;

/** The input rules of the region calls, shared by every call so that they agree with the real provider. */
final class RegionChecks {
    private RegionChecks() {
    }

    /** @return whether {@code region} may be locked: non-null, non-empty, direct (read-only is fine) */
    static boolean lockable(ByteBuffer region) {
        return region != null && region.hasRemaining() && region.isDirect();
    }

    /** @return whether {@code region} may be wiped: non-null, non-empty, writable (heap is fine) */
    static boolean wipeable(ByteBuffer region) {
        return region != null && region.hasRemaining() && !region.isReadOnly();
    }
}
