package org.lle.memory.pool.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolType;

/**
 * Races closes against accesses on other threads and records every access that reached memory it must not.
 *
 * <p>Every thread loops: allocate a block, check it is all zero (a late write into a free slot would show here),
 * fill it with a tag of its own and swap it into a random cell of a small shared table; the block it gets back
 * (another thread's, or its own from an earlier turn) it accesses and then closes, while the other threads may be
 * accessing that very block through a handle they read from the table (so a block's allocating thread also races
 * a close on another thread). Reads must see the block's tag; writes write the tag back. The threads share one
 * small pool, so a closed slot goes to the next allocation at once under a new tag: a racing read that sees any
 * other byte read wiped memory or a later owner's; a racing write that landed late shows up as a foreign tag in a
 * later owner's block or a non-zero byte in a fresh one. No thread ever waits for another, so the race runs at
 * full speed even when the threads outnumber the cores.
 */
final class AccessRace {
    static final int BLOCK = 64;
    private static final int THREADS = 3;
    private static final int CELLS = 4;

    /** How accesses reach the block. */
    enum Path { SINGLE_CALL, ACCESS }

    /** What a run found. */
    record Outcome(long racingAccesses, long closes, long accesses, long refused, long foreignReads, long wipedReads,
            long dirtyAllocations) {
        long violations() {
            return foreignReads + wipedReads + dirtyAllocations;
        }

        /** Reads of a later owner's tag and late writes found in a later owner's fresh block. */
        long laterOwnerViolations() {
            return foreignReads + dirtyAllocations;
        }
    }

    private record Handed(PoolBlock block, byte tag) {
    }

    private final DefaultMemoryPoolSystem pools;
    private final Path path;
    private final long racingWanted;
    private final boolean stopAtFirstViolation;
    private final AtomicReferenceArray<Handed> table = new AtomicReferenceArray<>(CELLS);
    private final LongAdder racing = new LongAdder();
    private final LongAdder closes = new LongAdder();
    private final LongAdder accesses = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder foreignReads = new LongAdder();
    private final LongAdder wipedReads = new LongAdder();
    private final LongAdder dirtyAllocations = new LongAdder();
    private volatile boolean stop;

    /**
     * @param racingWanted how many racing close/access pairs to run: accesses through a handle read from the table,
     *        to a block that another thread may be closing at that moment
     */
    AccessRace(DefaultMemoryPoolSystem pools, Path path, long racingWanted, boolean stopAtFirstViolation) {
        this.pools = pools;
        this.path = path;
        this.racingWanted = racingWanted;
        this.stopAtFirstViolation = stopAtFirstViolation;
    }

    /** Runs until {@code racingWanted} racing accesses, the first violation if asked, or the deadline. */
    Outcome run(long deadlineSeconds) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[THREADS];
        long perThread = (racingWanted + THREADS - 1) / THREADS;
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            threads[t] = new Thread(() -> race(index, perThread), "access-race-" + t);
            threads[t].setUncaughtExceptionHandler((th, e) -> {
                failure.compareAndSet(null, e);
                stop = true;
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        stop = true;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not stop");
            }
        }
        for (int i = 0; i < CELLS; i++) {
            Handed left = table.getAndSet(i, null);
            if (left != null) {
                left.block.close();
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a race thread failed", failure.get());
        }
        return new Outcome(racing.sum(), closes.sum(), accesses.sum(), refused.sum(), foreignReads.sum(),
                wipedReads.sum(), dirtyAllocations.sum());
    }

    private void race(int index, long racingToDo) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] seen = new byte[BLOCK];
        Counts counts = new Counts();
        for (long turn = 0; counts.racing < racingToDo && !stop; turn++) {
            Handed mine = allocate(seen, (byte) (1 + Math.floorMod(index + THREADS * turn, 255)));
            if (mine != null) {
                touch(mine, random.nextInt(), counts);
                Handed taken = table.getAndSet(random.nextInt(CELLS), mine);
                if (taken != null) {
                    touch(taken, random.nextInt(), counts); // maybe raced by a reader below on another thread
                    taken.block.close();
                    counts.closes++;
                }
            }
            Handed peeked = table.get(random.nextInt(CELLS));
            if (peeked != null) {
                for (int i = random.nextInt(4); i >= 0; i--) {
                    touch(peeked, random.nextInt(), counts); // races the close of whoever swaps it out
                    counts.racing++;
                }
            }
        }
        racing.add(counts.racing);
        closes.add(counts.closes);
        accesses.add(counts.accesses);
        refused.add(counts.refused);
    }

    /** One thread's counts, added up when it ends: shared counters in the loop would slow the race down. */
    private static final class Counts {
        long racing;
        long closes;
        long accesses;
        long refused;
    }

    private Handed allocate(byte[] seen, byte tag) {
        PoolBlock block;
        try {
            block = pools.allocate(PoolType.STRING, BLOCK);
        } catch (MemoryBudgetExceededException | IllegalStateException full) {
            return null; // the table and the other threads hold the slots for a moment
        }
        block.read(0, seen, 0, BLOCK);
        for (byte b : seen) {
            if (b != 0) {
                violation(dirtyAllocations);
                break;
            }
        }
        block.fill(0, BLOCK, tag);
        return new Handed(block, tag);
    }

    /** One write of the block's tag and one read. */
    private void touch(Handed handed, int salt, Counts counts) {
        int i = salt & (BLOCK - 1);
        int j = (salt >>> 8) & (BLOCK - 1);
        try {
            byte got;
            if (path == Path.SINGLE_CALL) {
                handed.block.put(i, handed.tag);
                got = handed.block.get(j);
            } else {
                try (PoolBlock.Access a = handed.block.access()) {
                    a.put(i, handed.tag);
                    got = a.get(j);
                }
            }
            counts.accesses++;
            if (got != handed.tag) {
                if (got == 0) {
                    wipedReads.increment(); // after the close's wipe, before a later owner wrote
                } else {
                    violation(foreignReads);
                }
            }
        } catch (IllegalStateException closedOrBusy) {
            counts.refused++;
        }
    }

    private void violation(LongAdder counter) {
        counter.increment();
        if (stopAtFirstViolation) {
            stop = true;
        }
    }
}
