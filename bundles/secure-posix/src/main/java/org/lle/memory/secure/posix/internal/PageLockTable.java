package org.lle.memory.secure.posix.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.LibC;

/**
 * Enable/disable of host regions: mlock does not nest (one munlock undoes every lock of a page), so each
 * page carries a count of the enabled regions on it, and only a page going 0 → 1 costs an mlock (1 → 0 a
 * munlock). Pages are also marked MADV_DONTDUMP while locked and MADV_DODUMP again when released: the advice
 * covers whole pages, so the count protects neighbours sharing a page exactly like the lock.
 *
 * <p>Regions are identified by (address, length); enabling one twice counts twice and needs two disables.
 * The tables are striped: 64 stripes, each owning groups of 16 pages (picked by hash), so threads working
 * on different buffers rarely meet on a lock. A call holds the locks of every stripe its pages touch (taken
 * in index order, so never a deadlock) while it counts and makes any syscall, so no thread can see a page as
 * counted before it is really locked. The fast path (every page already counted) is a few hash lookups
 * and allocates nothing when the buffer was enabled before ({@link RegionOwners} keeps its weak reference).
 *
 * <p>Ownership at shutdown: each enable keeps a weak reference to the buffer it came through. A direct
 * buffer's memory is not freed while the buffer is weakly reachable (its cleaner is a phantom reference,
 * which runs only after weak references are cleared), so a reachable enabling buffer proves the pages are
 * still the caller's. {@link #closeAll()} unlocks a page only when every enable counted on it has a reachable
 * buffer. A page with an enable whose buffer was dropped without disableSecureMode is left exactly as it is
 * (locked, not dumpable) and counted in a log line: its memory may belong to someone else now, who may have
 * locked it, and one munlock would undo that lock (mlock does not nest). Leaving such a page locked errs on
 * the side of the secret; the kernel releases it when its mapping goes.
 */
final class PageLockTable {
    private static final int STRIPES = 64;
    private static final int GROUP_SHIFT = 4;

    private static final class Stripe {
        final StripeLock lock = new StripeLock();
        /** page → enabled regions on it (second key 0) */
        final PairCountMap pageCounts = new PairCountMap();
        /** (address, length) → times enabled and the buffers of those enables; in the stripe of its first page */
        final RegionOwners regions = new RegionOwners();
    }

    private static final Logger LOG = System.getLogger("org.lle.memory.secure.posix");

    private final int pageShift;
    private final int pageSize;
    private final boolean dontDump;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final AtomicLong lockedBytes = new AtomicLong();
    /** mlock calls made, for tests: proves the already-locked path makes none */
    private final AtomicLong lockCalls = new AtomicLong();
    private volatile boolean closed;

    PageLockTable(int pageSize, boolean dontDump) {
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.dontDump = dontDump;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** @param owner the buffer the region was enabled through (kept weakly: see the class comment) */
    SecureResult enable(ByteBuffer owner, long address, long length) {
        long first = address >>> pageShift;
        long last = (address + length - 1) >>> pageShift;
        long held = lock(first, last);
        try {
            if (closed) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            for (long page = first; page <= last; page++) {
                if (count(page) > 0) {
                    continue;
                }
                long runEnd = page;
                while (runEnd < last && count(runEnd + 1) == 0) {
                    runEnd++;
                }
                long runBytes = (runEnd - page + 1) << pageShift;
                lockCalls.incrementAndGet();
                if (LibC.mlock(page << pageShift, runBytes) != 0) {
                    int errno = LibC.errno();
                    PosixEvents.regionLockFailed(runBytes, errno, lockedBytes.get());
                    unlockUncounted(first, page - 1);
                    return NativeFailure.resultOf(errno);
                }
                if (dontDump) {
                    LibC.madvise(page << pageShift, runBytes, LibC.MADV_DONTDUMP);
                }
                page = runEnd;
            }
            long newlyLocked = 0;
            for (long page = first; page <= last; page++) {
                newlyLocked += stripeOf(page).pageCounts.add(page, 0, 1) == 1 ? 1 : 0;
            }
            if (newlyLocked > 0) { // an atomic add even of 0 is a locked instruction the fast path can skip
                lockedBytes.addAndGet(newlyLocked * pageSize);
            }
            Stripe home = stripeOf(first);
            home.regions.add(address, length, owner);
            return SecureResult.SUCCESS;
        } finally {
            unlock(held);
        }
    }

    SecureResult disable(long address, long length) {
        long first = address >>> pageShift;
        long last = (address + length - 1) >>> pageShift;
        long held = lock(first, last);
        try {
            if (!stripeOf(first).regions.remove(address, length)) {
                return SecureResult.INVALID_PARAMETER;
            }
            for (long page = first; page <= last; page++) {
                if (stripeOf(page).pageCounts.add(page, 0, -1) == 0) {
                    unlockPage(page);
                    lockedBytes.addAndGet(-pageSize);
                }
            }
            return SecureResult.SUCCESS;
        } finally {
            unlock(held);
        }
    }

    /**
     * Provider shutdown: unlocks every page all of whose enables came through buffers still reachable, leaves
     * the others alone (see the class comment); later enables are FEATURE_NOT_AVAILABLE.
     */
    void closeAll() {
        long held = lockEvery(-1L);
        List<ByteBuffer> reachable = new ArrayList<>();
        try {
            closed = true;
            Set<Long> foreign = new HashSet<>();
            for (Stripe stripe : stripes) {
                // the reachable buffers are held strongly until the pages are unlocked
                stripe.regions.forEachOwnership(reachable, (address, length, everyOwnerReachable) -> {
                    if (!everyOwnerReachable) {
                        long first = address >>> pageShift;
                        long last = (address + length - 1) >>> pageShift;
                        for (long page = first; page <= last; page++) {
                            foreign.add(page);
                        }
                    }
                });
            }
            for (Stripe stripe : stripes) {
                stripe.pageCounts.forEach((page, zero, count) -> {
                    if (count > 0 && !foreign.contains(page)) {
                        unlockPage(page);
                    }
                });
            }
            long leftAlone = 0;
            for (Stripe stripe : stripes) {
                long[] counted = {0};
                stripe.pageCounts.forEach((page, zero, count) -> counted[0] += count > 0 && foreign.contains(page) ? 1 : 0);
                leftAlone += counted[0];
                stripe.pageCounts.clear();
                stripe.regions.clear();
            }
            lockedBytes.set(0);
            if (leftAlone > 0) {
                LOG.log(Level.WARNING, "secure memory shutdown left " + leftAlone + " page(s) locked and excluded "
                        + "from core dumps: they hold regions enabled through buffers that were dropped without "
                        + "disableSecureMode, so their memory may belong to another owner now, whose lock an "
                        + "munlock would undo");
            }
        } finally {
            unlock(held);
            Reference.reachabilityFence(reachable);
        }
    }

    long lockedBytes() {
        return lockedBytes.get();
    }

    /** Calls {@code action} with (address, length, times enabled) of every region in the table (tests). */
    void forEachRegion(PairCountMap.Entry action) {
        long held = lockEvery(-1L);
        try {
            for (Stripe stripe : stripes) {
                stripe.regions.forEach(action);
            }
        } finally {
            unlock(held);
        }
    }

    long lockCalls() {
        return lockCalls.get();
    }

    private int count(long page) {
        return stripeOf(page).pageCounts.get(page, 0);
    }

    private Stripe stripeOf(long page) {
        return stripes[stripeIndex(page >>> GROUP_SHIFT)];
    }

    private static int stripeIndex(long group) {
        return (int) ((group * 0x9E3779B97F4A7C15L) >>> 58); // top 6 bits: 0..63
    }

    /** Locks the stripes of pages {@code first..last}; @return their bit mask, for {@link #unlock}. */
    private long lock(long first, long last) {
        long firstGroup = first >>> GROUP_SHIFT;
        long lastGroup = last >>> GROUP_SHIFT;
        long mask = 0;
        if (lastGroup - firstGroup >= STRIPES) {
            mask = -1L;
        } else {
            for (long group = firstGroup; group <= lastGroup; group++) {
                mask |= 1L << stripeIndex(group);
            }
        }
        return lockEvery(mask);
    }

    private long lockEvery(long mask) {
        for (long bits = mask; bits != 0; bits &= bits - 1) {
            stripes[Long.numberOfTrailingZeros(bits)].lock.lock();
        }
        return mask;
    }

    private void unlock(long mask) {
        for (long bits = mask; bits != 0; bits &= bits - 1) {
            stripes[Long.numberOfTrailingZeros(bits)].lock.unlock();
        }
    }

    /** Undoes the locks this call took on pages {@code first..last} whose count is still 0. */
    private void unlockUncounted(long first, long last) {
        for (long page = first; page <= last; page++) {
            if (count(page) == 0) {
                unlockPage(page);
            }
        }
    }

    private void unlockPage(long page) {
        LibC.munlock(page << pageShift, pageSize);
        if (dontDump) {
            LibC.madvise(page << pageShift, pageSize, LibC.MADV_DODUMP);
        }
    }
}
