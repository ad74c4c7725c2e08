package org.lle.memory.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Budget one thread reserved ahead, per type: bytes already counted in the {@link BudgetLedger} that no block
 * holds yet. A thread's refills take from it and its overflows give back to it, so a thread allocating or
 * closing at volume touches the ledger's shared counters once per lease, not once per batch. Only the owning
 * thread adds to it; any thread may take all of it back (a refused allocation, or a thread that ended), so
 * every update is atomic, and the owner's are uncontended.
 */
final class BudgetCredit {
    /** Reserved beyond what a refill needs, so the next refills touch no shared counter. */
    static final long LEASE_BYTES = 32 * 1024;
    /** More unused credit than this goes back to the ledger, down to {@link #LEASE_BYTES}. */
    static final long MAX_BYTES = 2 * LEASE_BYTES;
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(long[].class);
    /** Unused longs on each side: the array is written once per batch, and its neighbours are another thread's. */
    private static final int PAD = 8;

    private final long[] bytes = new long[PAD + Generation.TYPES.length + PAD];

    /** Takes whole blocks of {@code blockSize} of type {@code t}, up to {@code wanted}. @return how many */
    int takeBlocks(int t, int blockSize, int wanted) {
        int i = PAD + t;
        for (long have = (long) BYTES.getVolatile(bytes, i);; have = (long) BYTES.getVolatile(bytes, i)) {
            int n = (int) Math.min(wanted, have / blockSize);
            if (n == 0) {
                return 0;
            }
            if (BYTES.compareAndSet(bytes, i, have, have - (long) n * blockSize)) {
                return n;
            }
        }
    }

    /** Adds {@code added} bytes of type {@code t}. @return the credit of that type now */
    long add(int t, long added) {
        return (long) BYTES.getAndAdd(bytes, PAD + t, added) + added;
    }

    /** Takes what lies above {@code keep} bytes of type {@code t}. @return the bytes taken */
    long takeAbove(int t, long keep) {
        int i = PAD + t;
        for (long have = (long) BYTES.getVolatile(bytes, i); have > keep; have = (long) BYTES.getVolatile(bytes, i)) {
            if (BYTES.compareAndSet(bytes, i, have, keep)) {
                return have - keep;
            }
        }
        return 0;
    }

    /** Takes all of type {@code t}: any thread may. @return the bytes taken */
    long takeAll(int t) {
        return (long) BYTES.getAndSet(bytes, PAD + t, 0L);
    }

    /** @return the credit of type {@code t} now */
    long of(int t) {
        return (long) BYTES.getVolatile(bytes, PAD + t);
    }
}
