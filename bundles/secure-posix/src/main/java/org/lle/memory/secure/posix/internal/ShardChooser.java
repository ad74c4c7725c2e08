package org.lle.memory.secure.posix.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives each thread a shard of the arena: in turn as threads first allocate, so threads that work together
 * get shards of their own. (A hash of the thread id put two threads on one shard whenever their ids had the
 * same parity, which made both an order of magnitude slower.) Remembered in a small table indexed by thread
 * id rather than a ThreadLocal, whose lookup was a tenth of the whole allocate+close; figures in
 * docs/performance.md, design measurements.
 *
 * <p>The table is read and written without synchronization on purpose: any shard is a correct answer (a buffer
 * goes back to the shard it came from whoever picked it), so a stale or even torn entry costs at most a shared
 * shard, never a wrong result. Thread ids are handed out in sequence, so 64 threads created in a row have
 * entries of their own; two busy threads whose ids are 64 apart take the entry from each other and get a new
 * shard each time, a slower path, but as correct.
 */
final class ShardChooser {
    private static final int ENTRIES = 64;
    private static final int SHARD_BITS = 8;

    /** per entry: (thread id + 1) << {@value #SHARD_BITS} | shard; 0 is empty */
    private final long[] entries = new long[ENTRIES];
    private final AtomicInteger turn = new AtomicInteger();
    private final int mask;

    /** @param shards a power of two, at most 2^{@value #SHARD_BITS} */
    ShardChooser(int shards) {
        if (Integer.bitCount(shards) != 1 || shards > 1 << SHARD_BITS) {
            throw new IllegalArgumentException("shards must be a power of two up to " + (1 << SHARD_BITS)
                    + ", got " + shards);
        }
        mask = shards - 1;
    }

    /** @return the shard of the calling thread, {@code 0..shards-1} */
    int shardOfCurrentThread() {
        long id = Thread.currentThread().getId();
        int index = (int) id & (ENTRIES - 1);
        long entry = entries[index];
        if (entry >>> SHARD_BITS == id + 1) {
            return (int) entry & mask;
        }
        int shard = turn.getAndIncrement() & mask;
        entries[index] = (id + 1) << SHARD_BITS | shard;
        return shard;
    }
}
