package org.lle.memory.secure.posix.internal;

import java.util.HashMap;
import java.util.Map;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.LibC;

/**
 * The seed's enable/disable calls: mlock does not nest (one munlock undoes every lock of a page), so each
 * page carries a count of the enabled regions on it, and only a page going 0 → 1 costs an mlock (1 → 0 a
 * munlock). Pages are also marked MADV_DONTDUMP while locked and MADV_DODUMP again when released: the advice
 * covers whole pages, so the count protects neighbours sharing a page exactly like the lock.
 *
 * <p>Regions are identified by (address, length); enabling one twice counts twice and needs two disables.
 * One monitor guards the tables: the fast path (every page already counted) is a few hash lookups, and
 * syscalls happen under it only for pages that change state, so no other thread can see a page as counted
 * before it is really locked.
 */
final class PageLockTable {
    private record Region(long address, long length) {
    }

    private final int pageShift;
    private final int pageSize;
    private final boolean dontDump;
    private final LongIntMap pageCounts = new LongIntMap();
    private final Map<Region, int[]> regions = new HashMap<>();
    private volatile long lockedBytes;
    private boolean closed;

    PageLockTable(int pageSize, boolean dontDump) {
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.dontDump = dontDump;
    }

    synchronized SecureResult enable(long address, long length) {
        if (closed) {
            return SecureResult.FEATURE_NOT_AVAILABLE;
        }
        long first = address >>> pageShift;
        long last = (address + length - 1) >>> pageShift;
        for (long page = first; page <= last; page++) {
            if (pageCounts.get(page) > 0) {
                continue;
            }
            long runEnd = page;
            while (runEnd < last && pageCounts.get(runEnd + 1) == 0) {
                runEnd++;
            }
            if (LibC.mlock(page << pageShift, (runEnd - page + 1) << pageShift) != 0) {
                int errno = LibC.errno();
                unlockUncounted(first, page - 1);
                return NativeFailure.resultOf(errno);
            }
            if (dontDump) {
                LibC.madvise(page << pageShift, (runEnd - page + 1) << pageShift, LibC.MADV_DONTDUMP);
            }
            page = runEnd;
        }
        long newlyLocked = 0;
        for (long page = first; page <= last; page++) {
            int count = pageCounts.get(page);
            newlyLocked += count == 0 ? 1 : 0;
            pageCounts.put(page, count + 1);
        }
        lockedBytes += newlyLocked * pageSize;
        regions.computeIfAbsent(new Region(address, length), r -> new int[1])[0]++;
        return SecureResult.SUCCESS;
    }

    synchronized SecureResult disable(long address, long length) {
        Region key = new Region(address, length);
        int[] count = regions.get(key);
        if (count == null) {
            return SecureResult.INVALID_PARAMETER;
        }
        if (--count[0] == 0) {
            regions.remove(key);
        }
        long first = address >>> pageShift;
        long last = (address + length - 1) >>> pageShift;
        for (long page = first; page <= last; page++) {
            int left = pageCounts.get(page) - 1;
            pageCounts.put(page, left);
            if (left == 0) {
                release(page);
            }
        }
        return SecureResult.SUCCESS;
    }

    /** Releases every page still locked (provider shutdown); later enables are FEATURE_NOT_AVAILABLE. */
    synchronized void closeAll() {
        closed = true;
        pageCounts.forEach((page, count) -> release(page));
        pageCounts.clear();
        regions.clear();
        lockedBytes = 0;
    }

    long lockedBytes() {
        return lockedBytes;
    }

    /** Undoes the locks this call took on pages {@code first..last} whose count is still 0. */
    private void unlockUncounted(long first, long last) {
        for (long page = first; page <= last; page++) {
            if (pageCounts.get(page) == 0) {
                unlockPage(page);
            }
        }
    }

    private void release(long page) {
        unlockPage(page);
        lockedBytes -= pageSize;
    }

    private void unlockPage(long page) {
        LibC.munlock(page << pageShift, pageSize);
        if (dontDump) {
            LibC.madvise(page << pageShift, pageSize, LibC.MADV_DODUMP);
        }
    }
}
