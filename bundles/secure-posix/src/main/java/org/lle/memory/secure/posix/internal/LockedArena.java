package org.lle.memory.secure.posix.internal;

import java.lang.ref.ReferenceQueue;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.posix.internal.nativ.Errno;

/**
 * The locked arena behind {@code allocate}: size classes 16, 24, 32, 48, 64, 96, ... {@value #MAX_SIZE}
 * bytes (powers of two and the midpoints between them), each a list of guarded, locked chunks. A 64-byte
 * secret costs 72 locked bytes (8 for its canary): 3,640 of them share one 256 KiB chunk.
 *
 * <p>No lock is shared by all threads: the classes are sharded (one set per shard, as many shards as
 * processors, up to 8), threads are given shards in turn as they first allocate, and a buffer is released to
 * the shard it came from. Leaked buffers are caught by {@link LeakGuard}s, which share no lock either.
 *
 * <p>Above {@value #MAX_SIZE} bytes, up to {@link PosixSecureMemory#MAX_ALLOCATION_SIZE}, each buffer gets a
 * dedicated one-slot chunk (the same guard pages, lock, advice, canary and access guard), unmapped at close.
 *
 * <p>Idle locked memory: a class keeps at most one empty chunk as a spare, so a class in use allocates and
 * closes with no system call. When RLIMIT_MEMLOCK applies (no CAP_IPC_LOCK, finite limit) the locked bytes of
 * all spares together stay within {@link IdleBudget 1/8} of the limit (a spare that does not
 * fit is unmapped), so most of the limit is always there for live secrets; and a lock that fails with ENOMEM,
 * EAGAIN or EPERM first gives every spare back (all classes and shards) and is tried once more. With
 * CAP_IPC_LOCK or no limit the spares are not budgeted (the lock cannot fail for want of budget), but a failing
 * lock still takes them back.
 */
final class LockedArena {
    static final int MAX_SIZE = 64 * 1024;
    /** spares may hold 1/this of RLIMIT_MEMLOCK locked */
    static final int IDLE_SHARE_OF_LOCK_LIMIT = IdleBudget.SHARE_OF_LOCK_LIMIT;
    private static final int MIN_SLOTS_PER_CHUNK = 4;

    private final PosixSettings settings;
    private final ProbeResult probe;
    private final int[] classSizes;
    private final ArenaSizeClass[][] shards;
    private final ArenaSizeClass dedicated;
    private final IdleBudget idleBudget;
    /** chunks whose munmap failed: wiped, still mapped, tried again at the next trim, new chunk or shutdown */
    private final List<ArenaChunk> unmapFailed = new ArrayList<>();
    private final AtomicInteger dumpableChunks = new AtomicInteger();
    private final AtomicInteger forkableChunks = new AtomicInteger();
    private final ShardChooser shardChooser;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lockedBytes = new AtomicLong();
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicInteger unlockedChunks = new AtomicInteger();
    private volatile NativeFailure lastLockFailure;
    /** Whether every chunk that asked for memfd_secret memory got it (the memfd branch of map()). */
    final SecretMemoryFallback secretMemory = new SecretMemoryFallback();
    private volatile Runnable capabilityListener = () -> { };
    private final ReferenceQueue<ArenaBuffer> leaks = new ReferenceQueue<>();
    private static final long LEAK_WATCHER_STOP_SECONDS = 10;

    private final Thread leakWatcher;
    private volatile boolean closed;

    LockedArena(PosixSettings settings, ProbeResult probe) {
        this.settings = settings;
        this.probe = probe;
        PosixEvents.preload(); // now, not at the first failure: that may come when no file descriptor is left
        classSizes = ArenaSlotSizes.all();
        shards = new ArenaSizeClass[shardCount()][classSizes.length];
        shardChooser = new ShardChooser(shards.length);
        for (ArenaSizeClass[] classes : shards) {
            for (int i = 0; i < classes.length; i++) {
                int stride = classSizes[i] + Long.BYTES;
                int chunkBytes = roundToPages(Math.max(settings.chunkSize(), (long) stride * MIN_SLOTS_PER_CHUNK));
                classes[i] = new ArenaSizeClass(this, classSizes[i], chunkBytes);
            }
        }
        dedicated = ArenaSizeClass.dedicated(this, PosixSecureMemory.MAX_ALLOCATION_SIZE);
        idleBudget = new IdleBudget(probe);
        leakWatcher = LeakGuard.watch(this, leaks);
    }

    private static int shardCount() {
        return Integer.highestOneBit(Math.min(8, Math.max(1, Runtime.getRuntime().availableProcessors())));
    }

    /** @param size 1..{@link PosixSecureMemory#MAX_ALLOCATION_SIZE}, checked by the caller */
    ArenaBuffer allocate(int size) {
        ArenaSizeClass sizeClass = size > MAX_SIZE ? dedicated
                : shards[shardChooser.shardOfCurrentThread()][ArenaSlotSizes.indexOf(size)];
        return sizeClass.allocate(size);
    }

    ReferenceQueue<ArenaBuffer> leaks() {
        return leaks;
    }

    /**
     * Maps, guards and locks a chunk for {@code sizeClass} (called with no class monitor held). A lock that
     * fails for want of budget first takes the spares back and is tried again; when the lock limit still
     * refuses the full chunk (ENOMEM), smaller chunks are tried, down to one page-rounded slot, so a small
     * RLIMIT_MEMLOCK (64 KiB on older distributions) still gets locked buffers.
     */
    ArenaChunk newChunk(ArenaSizeClass sizeClass) {
        int minimum = roundToPages(sizeClass.stride);
        MappedChunk memory = mapLocking(sizeClass, sizeClass.chunkBytes);
        while (!memory.locked() && memory.lockFailure.errno() == Errno.ENOMEM && memory.dataLength > minimum) {
            int smaller = Math.max(minimum, roundToPages(memory.dataLength / 2));
            discard(memory);
            memory = map(sizeClass, smaller);
        }
        return adopt(sizeClass, memory, sizeClass.stride);
    }

    /** Maps a one-slot chunk for a buffer of {@code size} bytes (above {@value #MAX_SIZE}) and its canary. */
    ArenaChunk newDedicatedChunk(ArenaSizeClass sizeClass, int size) {
        int stride = size + Long.BYTES;
        return adopt(sizeClass, mapLocking(sizeClass, roundToPages(stride)), stride);
    }

    /** Maps {@code bytes}; when the lock fails for want of budget and spares were given back, maps once more. */
    private MappedChunk mapLocking(ArenaSizeClass sizeClass, int bytes) {
        retryFailedUnmaps();
        MappedChunk memory = map(sizeClass, bytes);
        if (!memory.locked() && isLockBudget(memory.lockFailure.errno()) && reclaimIdle() > 0) {
            discard(memory);
            memory = map(sizeClass, bytes);
        }
        return memory;
    }

    private static boolean isLockBudget(int errno) {
        return errno == Errno.ENOMEM || errno == Errno.EAGAIN || errno == Errno.EPERM;
    }

    /** Counts a mapped chunk in, or refuses it (strict mode, lock failed). */
    private ArenaChunk adopt(ArenaSizeClass sizeClass, MappedChunk memory, int stride) {
        if (memory.locked()) {
            lockedBytes.addAndGet(memory.dataLength);
        } else {
            NativeFailure failure = memory.lockFailure;
            PosixEvents.chunkLockFailed(memory.dataLength, failure, settings.strict(), lockedBytes.get(), this::limitText);
            if (settings.strict()) {
                discard(memory);
                throw new SecureMemoryException(failure.result(), "strict mode: cannot lock secure memory: "
                        + failure.getMessage() + " (" + limitText() + ")", failure);
            }
            if (lastLockFailure == null) {
                ArenaLog.lockFailed(failure, limitText());
                PosixEvents.degraded("secure memory unlocked: " + failure.getMessage() + " (" + limitText() + ")");
            }
            lastLockFailure = failure;
            countShortfall(unlockedChunks, 1);
        }
        if (!memory.dontDump) {
            countShortfall(dumpableChunks, 1);
        }
        if (!memory.dontFork) {
            countShortfall(forkableChunks, 1);
        }
        chunks.incrementAndGet();
        return new ArenaChunk(sizeClass, memory, random.nextLong(), stride);
    }

    /** Unmaps a chunk never counted in (a failed attempt); if even that fails, its pages stay mapped unused. */
    private static void discard(MappedChunk memory) {
        if (!memory.unmap()) {
            ArenaLog.unmapFailed(memory.dataLength);
        }
    }

    private MappedChunk map(ArenaSizeClass sizeClass, int bytes) {
        if (settings.memfdSecret()) {
            // strict refuses less protection than configured; otherwise the fallback is recorded (claim dropped)
            if (!probe.memfdSecret()) {
                if (settings.strict()) {
                    throw new SecureMemoryException(SecureResult.FEATURE_NOT_AVAILABLE, "strict mode: memfd_secret "
                            + "is configured but did not work at the start-time probe");
                }
            } else {
                try {
                    return MappedChunk.mapSecret(bytes, probe.pageSize());
                } catch (NativeFailure failure) {
                    if (settings.strict()) {
                        throw new SecureMemoryException(failure.result(), "strict mode: cannot have memfd_secret "
                                + "memory for " + sizeClass.slotSize + "-byte buffers: " + failure.getMessage(),
                                failure);
                    }
                    secretMemory.fellBack(failure);
                }
            }
        }
        try {
            return MappedChunk.mapAnonymous(bytes, probe.pageSize());
        } catch (NativeFailure failure) {
            throw new SecureMemoryException(failure.result(), "cannot map " + bytes + " bytes of secure memory for "
                    + (sizeClass.dedicated ? "a buffer of its own" : sizeClass.slotSize + "-byte buffers") + ": "
                    + failure.getMessage(), failure);
        }
    }

    /**
     * Gives a chunk back to the kernel (called under its class's monitor, with no slot in use). If munmap
     * fails the chunk (already wiped) stays counted, and mapped, until a later attempt succeeds.
     */
    void unmapped(ArenaChunk chunk) {
        if (chunk.memory.unmap()) {
            uncount(chunk.memory);
        } else {
            ArenaLog.unmapFailed(chunk.memory.dataLength);
            synchronized (unmapFailed) {
                unmapFailed.add(chunk);
            }
        }
    }

    private void uncount(MappedChunk memory) {
        chunks.decrementAndGet();
        if (memory.locked()) {
            lockedBytes.addAndGet(-memory.dataLength);
        } else {
            countShortfall(unlockedChunks, -1);
        }
        if (!memory.dontDump) {
            countShortfall(dumpableChunks, -1);
        }
        if (!memory.dontFork) {
            countShortfall(forkableChunks, -1);
        }
    }

    /**
     * Counts chunks without one protection; when the first such chunk appears or the last one goes, the
     * provider's capabilities change, and the listener hears it (the OSGi service properties follow).
     */
    private void countShortfall(AtomicInteger chunksWithout, int delta) {
        int after = chunksWithout.addAndGet(delta);
        if (after == 0 || after == delta) {
            capabilityListener.run();
        }
    }

    /** {@code listener} runs when a capability is lost or regained by the chunk population; it must not block. */
    void onCapabilityChange(Runnable listener) {
        capabilityListener = listener;
    }

    private void retryFailedUnmaps() {
        synchronized (unmapFailed) {
            unmapFailed.removeIf(chunk -> {
                if (chunk.memory.unmap()) {
                    uncount(chunk.memory);
                    return true;
                }
                return false;
            });
        }
    }

    /** Whether a chunk just emptied may stay as a spare: see {@link IdleBudget#reserve}. */
    boolean reserveIdle(MappedChunk memory) {
        return idleBudget.reserve(memory);
    }

    /** A spare went back to work or was unmapped: its reservation ends. */
    void returnIdle(MappedChunk memory) {
        idleBudget.release(memory);
    }

    /** @return locked bytes of spares given back (every class of every shard) */
    long reclaimIdle() {
        long freed = 0;
        for (ArenaSizeClass[] classes : shards) {
            for (ArenaSizeClass sizeClass : classes) {
                freed += sizeClass.trim();
            }
        }
        retryFailedUnmaps();
        return freed;
    }

    /** @return locked bytes held by spares with no live buffer */
    long idleLockedBytes() {
        long idle = 0;
        for (ArenaSizeClass[] classes : shards) {
            for (ArenaSizeClass sizeClass : classes) {
                idle += sizeClass.idleLockedBytes();
            }
        }
        return idle;
    }

    /** @return the most locked bytes the spares may hold, {@link Long#MAX_VALUE} when not budgeted */
    long idleBudget() {
        return idleBudget.bytes();
    }

    int dumpableChunks() {
        return dumpableChunks.get();
    }

    int forkableChunks() {
        return forkableChunks.get();
    }

    /** Closes every live buffer (wipe, canary check), then unmaps every chunk; allocation is refused after. */
    void shutdown() {
        closed = true;
        leakWatcher.interrupt();
        List<ArenaSizeClass> all = new ArrayList<>();
        for (ArenaSizeClass[] classes : shards) {
            all.addAll(List.of(classes));
        }
        all.add(dedicated);
        for (ArenaSizeClass sizeClass : all) {
            for (ArenaSlot slot : sizeClass.liveSlots()) {
                try {
                    slot.close(ArenaSlot.CLOSER_WAIT_NANOS, 0); // an access still open keeps its slot, wiped, until it closes
                } catch (RuntimeException e) {
                    ArenaLog.closeFailed(slot, e);
                }
            }
            sizeClass.unmapAll();
        }
        retryFailedUnmaps();
        awaitLeakWatcher();
    }

    /** The watcher may be inside a libc call (a leaked slot's release); the caller may unbind libc next. */
    private void awaitLeakWatcher() {
        if (Thread.currentThread() == leakWatcher) {
            return;
        }
        try {
            leakWatcher.join(TimeUnit.SECONDS.toMillis(LEAK_WATCHER_STOP_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unmaps the spare empty chunk of every class. */
    void trim() {
        reclaimIdle();
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the POSIX secure-memory provider was closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    long lockedBytes() {
        return lockedBytes.get();
    }

    int chunkCount() {
        return chunks.get();
    }

    int unlockedChunks() {
        return unlockedChunks.get();
    }

    NativeFailure lastLockFailure() {
        return lastLockFailure;
    }

    /** @return the slot size {@code size} is rounded up to */
    int slotSizeFor(int size) {
        return classSizes[ArenaSlotSizes.indexOf(size)];
    }

    String limitText() {
        long limit = probe.lockLimitBytes();
        return "RLIMIT_MEMLOCK " + (limit == Long.MAX_VALUE ? "unlimited" : limit < 0 ? "unknown" : limit + " bytes")
                + ", " + (probe.capIpcLock() ? "" : "no ") + "CAP_IPC_LOCK";
    }

    private int roundToPages(long bytes) {
        long page = probe.pageSize();
        return (int) ((bytes + page - 1) / page * page);
    }
}
