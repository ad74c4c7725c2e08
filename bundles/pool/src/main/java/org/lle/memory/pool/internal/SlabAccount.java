package org.lle.memory.pool.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Direct memory the pools hold per type, and the rule for handing it back: a slab that stayed empty for
 * {@link #idleNanos()} is let go, except the last empty slab of each pool. The delay and the spare slab are
 * the hysteresis: a class whose use swings around a slab boundary, or that empties and fills again at once,
 * keeps its memory instead of freeing and carving it anew each time.
 *
 * <p>No thread of its own: the check runs when a thread cache misses or overflows and when statistics are read,
 * at most four times per idle time, so a system nobody uses keeps its memory until the next use or
 * {@code trim()}.
 */
final class SlabAccount {
    static final long DEFAULT_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Empty slabs each pool keeps however long they stay empty. */
    static final int SPARE_EMPTY_SLABS = 1;

    private final AtomicLongArray bytes = new AtomicLongArray(Generation.TYPES.length);
    private volatile LongSupplier clock = System::nanoTime;
    private volatile long idleNanos = DEFAULT_IDLE_NANOS;

    void added(int typeIndex, long slabBytes) {
        if (typeIndex >= 0) {
            bytes.addAndGet(typeIndex, slabBytes);
        }
    }

    void released(int typeIndex, long slabBytes) {
        if (typeIndex >= 0) {
            bytes.addAndGet(typeIndex, -slabBytes);
        }
    }

    /** @return bytes of every slab the pools of the type hold now */
    long bytes(int typeIndex) {
        return bytes.get(typeIndex);
    }

    long now() {
        return clock.getAsLong();
    }

    long idleNanos() {
        return idleNanos;
    }

    /** For tests: a clock they move, and how long a slab must stay empty before it is handed back. */
    void setClock(LongSupplier clock, long idleNanos) {
        this.clock = clock;
        this.idleNanos = idleNanos;
    }
}
