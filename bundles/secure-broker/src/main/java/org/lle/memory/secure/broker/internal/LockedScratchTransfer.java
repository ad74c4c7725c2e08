package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import java.util.List;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * Moves bytes through one page of direct memory, never through a Java array: a heap array can be copied by the
 * garbage collector before it is wiped, and such a copy is never wiped (it shows in heap dumps). The page is
 * allocated once per broker and reused by every batch; for the batch it is locked through the first provider
 * that can lock it (the target first), wiped after every chunk and at the end of the batch, then unlocked. So
 * between batches it is zero, and during one it holds at most one chunk of one secret.
 */
final class LockedScratchTransfer implements Transfer.Factory {
    /** One page: a page is the unit of locking, and larger chunks save little (two calls per chunk). */
    static final int CHUNK = 4096;

    private ByteBuffer page;

    @Override
    public Transfer open(List<SecureMemory> lockers) {
        if (page == null) {
            // aligned, so the lock covers this page only and no neighbour's memory
            page = ByteBuffer.allocateDirect(2 * CHUNK).alignedSlice(CHUNK).slice(0, CHUNK);
        }
        // the same region object for enable and disable: a provider may key its regions by it
        ByteBuffer region = page.duplicate().clear();
        SecureMemory lockedBy = null;
        for (SecureMemory locker : lockers) {
            if (locker.enableSecureMode(region).isSuccess()) {
                lockedBy = locker;
                break;
            }
        }
        return new Batch(page, region, lockers, lockedBy);
    }

    private static final class Batch implements Transfer {
        private final ByteBuffer page;
        private final ByteBuffer lockedRegion;
        private final List<SecureMemory> wipers;
        private final SecureMemory lockedBy;

        Batch(ByteBuffer page, ByteBuffer lockedRegion, List<SecureMemory> wipers, SecureMemory lockedBy) {
            this.page = page;
            this.lockedRegion = lockedRegion;
            this.wipers = wipers;
            this.lockedBy = lockedBy;
        }

        @Override
        public void copy(SecureBuffer from, SecureBuffer to) {
            int size = from.size();
            for (int at = 0; at < size; at += CHUNK) {
                int length = Math.min(CHUNK, size - at);
                ByteBuffer chunk = page.duplicate().clear().limit(length);
                try {
                    from.read(at, chunk);
                    chunk.flip();
                    to.write(at, chunk);
                } finally {
                    wipe(length);
                }
            }
        }

        @Override
        public void close() {
            wipe(CHUNK);
            if (lockedBy != null) {
                lockedBy.disableSecureMode(lockedRegion);
            }
        }

        private void wipe(int length) {
            ByteBuffer region = page.duplicate().clear().limit(length);
            for (SecureMemory wiper : wipers) {
                if (wiper.secureClear(region.duplicate()).isSuccess()) {
                    return;
                }
            }
            for (int i = 0; i < length; i++) { // no provider could wipe: direct-memory stores are never elided
                region.put(i, (byte) 0);
            }
        }
    }
}
