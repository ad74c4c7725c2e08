package org.lle.memory.secure.posix.internal;

import java.lang.ref.ReferenceQueue;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
 */
final class LockedArena {
    static final int MAX_SIZE = 64 * 1024;
    private static final int MIN_SIZE = 16;
    private static final int MIN_SLOTS_PER_CHUNK = 4;

    private final PosixSettings settings;
    private final ProbeResult probe;
    private final int[] classSizes;
    private final SizeClass[][] shards;
    private final ShardChooser shardChooser;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lockedBytes = new AtomicLong();
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicInteger unlockedChunks = new AtomicInteger();
    private volatile NativeFailure lastLockFailure;
    /** Whether every chunk that asked for memfd_secret memory got it (the memfd branch of map()). */
    final SecretMemoryFallback secretMemory = new SecretMemoryFallback();
    private final ReferenceQueue<ArenaBuffer> leaks = new ReferenceQueue<>();
    private final Thread leakWatcher;
    private volatile boolean closed;

    LockedArena(PosixSettings settings, ProbeResult probe) {
        this.settings = settings;
        this.probe = probe;
        List<Integer> sizes = new ArrayList<>();
        for (int power = MIN_SIZE; power <= MAX_SIZE; power *= 2) {
            sizes.add(power);
            if (power < MAX_SIZE) {
                sizes.add(power + power / 2);
            }
        }
        classSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        shards = new SizeClass[shardCount()][classSizes.length];
        shardChooser = new ShardChooser(shards.length);
        for (SizeClass[] classes : shards) {
            for (int i = 0; i < classes.length; i++) {
                int stride = classSizes[i] + Long.BYTES;
                int chunkBytes = roundToPages(Math.max(settings.chunkSize(), (long) stride * MIN_SLOTS_PER_CHUNK));
                classes[i] = new SizeClass(this, classSizes[i], chunkBytes);
            }
        }
        leakWatcher = LeakGuard.watch(this, leaks);
    }

    private static int shardCount() {
        return Integer.highestOneBit(Math.min(8, Math.max(1, Runtime.getRuntime().availableProcessors())));
    }

    /** @param size 1..{@value #MAX_SIZE}, checked by the caller */
    ArenaBuffer allocate(int size) {
        SizeClass[] shard = shards[shardChooser.shardOfCurrentThread()];
        ArenaBuffer buffer = shard[classIndex(size)].allocate(size);
        buffer.slot().open();
        return buffer;
    }

    ReferenceQueue<ArenaBuffer> leaks() {
        return leaks;
    }

    /**
     * Maps, guards and locks a chunk for {@code sizeClass} (called under its monitor). When the lock limit
     * refuses the full chunk (ENOMEM), smaller chunks are tried, down to one page-rounded slot, so a small
     * RLIMIT_MEMLOCK (64 KiB on older distributions) still gets locked buffers.
     */
    ArenaChunk newChunk(SizeClass sizeClass) {
        int minimum = roundToPages(sizeClass.stride);
        MappedChunk memory = map(sizeClass, sizeClass.chunkBytes);
        while (!memory.locked() && memory.lockFailure.errno() == Errno.ENOMEM && memory.dataLength > minimum) {
            int smaller = Math.max(minimum, roundToPages(memory.dataLength / 2));
            memory.unmap();
            memory = map(sizeClass, smaller);
        }
        if (memory.locked()) {
            lockedBytes.addAndGet(memory.dataLength);
        } else {
            NativeFailure failure = memory.lockFailure;
            if (settings.strict()) {
                memory.unmap();
                throw new SecureMemoryException(failure.result(), "strict mode: cannot lock secure memory: "
                        + failure.getMessage() + " (" + limitText() + ")", failure);
            }
            if (lastLockFailure == null) {
                ArenaLog.lockFailed(failure, limitText());
            }
            lastLockFailure = failure;
            unlockedChunks.incrementAndGet();
        }
        chunks.incrementAndGet();
        return new ArenaChunk(sizeClass, memory, random.nextLong());
    }

    private MappedChunk map(SizeClass sizeClass, int bytes) {
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
                    + sizeClass.slotSize + "-byte buffers: " + failure.getMessage(), failure);
        }
    }

    /** Gives a chunk back to the kernel (called under its class's monitor, with no slot in use). */
    void unmapped(ArenaChunk chunk) {
        chunk.memory.unmap();
        chunks.decrementAndGet();
        if (chunk.memory.locked()) {
            lockedBytes.addAndGet(-chunk.memory.dataLength);
        } else {
            unlockedChunks.decrementAndGet();
        }
    }

    /** Closes every live buffer (wipe, canary check), then unmaps every chunk; allocation is refused after. */
    void shutdown() {
        closed = true;
        leakWatcher.interrupt();
        for (SizeClass[] classes : shards) {
            for (SizeClass sizeClass : classes) {
                for (Slot slot : sizeClass.liveSlots()) {
                    try {
                        slot.close();
                    } catch (RuntimeException e) {
                        ArenaLog.closeFailed(slot, e);
                    }
                }
                sizeClass.unmapAll();
            }
        }
    }

    /** Unmaps the spare empty chunk of every class. */
    void trim() {
        for (SizeClass[] classes : shards) {
            for (SizeClass sizeClass : classes) {
                sizeClass.trim();
            }
        }
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
        return classSizes[classIndex(size)];
    }

    String limitText() {
        long limit = probe.lockLimitBytes();
        return "RLIMIT_MEMLOCK " + (limit == Long.MAX_VALUE ? "unlimited" : limit < 0 ? "unknown" : limit + " bytes")
                + ", " + (probe.capIpcLock() ? "" : "no ") + "CAP_IPC_LOCK";
    }

    private int classIndex(int size) {
        int low = 0;
        int high = classSizes.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (classSizes[mid] < size) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int roundToPages(long bytes) {
        long page = probe.pageSize();
        return (int) ((bytes + page - 1) / page * page);
    }
}
