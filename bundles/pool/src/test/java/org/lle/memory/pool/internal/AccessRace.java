package org.lle.memory.pool.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolType;

/**
 * Races closes against accesses on other threads and records every access that reached memory it must not.
 *
 * <p>Each pair of threads shares one block at a time. The allocating thread takes a block, checks it is all zero
 * (a stale write into a free slot would show here), fills it with a tag of its own and hands it to its partner.
 * Both then access it: reads must see the tag, writes write the tag back. Even cycles the allocating thread closes
 * the block while the partner may still access it; odd cycles the partner closes it while the allocating thread
 * keeps accessing until it is told the block is closed. Both pairs share one small pool, so a slot closed by one
 * pair goes at once to the other or back to the same one under a new tag: a racing read that sees a byte other
 * than its tag read wiped memory or a later owner's; a racing write that landed late shows up as a foreign tag or a
 * non-zero byte in a later owner's block.
 */
final class AccessRace {
    static final int BLOCK = 64;

    /** How accesses reach the block. */
    enum Path { SINGLE_CALL, ACCESS }

    /** What a run found. */
    record Outcome(long closes, long accesses, long refused, long foreignReads, long wipedReads, long dirtyAllocations) {
        long violations() {
            return foreignReads + wipedReads + dirtyAllocations;
        }
    }

    private record Handed(PoolBlock block, byte tag, int cycle) {
    }

    private final DefaultMemoryPoolSystem pools;
    private final Path path;
    private final long closesWanted;
    private final boolean stopAtFirstViolation;
    private final AtomicInteger tags = new AtomicInteger();
    private final LongAdder closes = new LongAdder();
    private final LongAdder accesses = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder foreignReads = new LongAdder();
    private final LongAdder wipedReads = new LongAdder();
    private final LongAdder dirtyAllocations = new LongAdder();
    private volatile boolean stop;

    AccessRace(DefaultMemoryPoolSystem pools, Path path, long closesWanted, boolean stopAtFirstViolation) {
        this.pools = pools;
        this.path = path;
        this.closesWanted = closesWanted;
        this.stopAtFirstViolation = stopAtFirstViolation;
    }

    /** Runs two pairs of threads until {@code closesWanted} closes (or the first violation, or the deadline). */
    Outcome run(long deadlineSeconds) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[4];
        for (int pair = 0; pair < 2; pair++) {
            AtomicReference<Handed> handOver = new AtomicReference<>();
            threads[2 * pair] = new Thread(() -> allocator(handOver), "race-allocator-" + pair);
            threads[2 * pair + 1] = new Thread(() -> partner(handOver), "race-partner-" + pair);
        }
        for (Thread t : threads) {
            t.setUncaughtExceptionHandler((th, e) -> {
                failure.compareAndSet(null, e);
                stop = true;
            });
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        for (int pair = 0; pair < 2; pair++) {
            threads[2 * pair].join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        stop = true; // the allocators are done (or the deadline passed): the partners stop too
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not stop");
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a race thread failed", failure.get());
        }
        return new Outcome(closes.sum(), accesses.sum(), refused.sum(), foreignReads.sum(), wipedReads.sum(),
                dirtyAllocations.sum());
    }

    private void allocator(AtomicReference<Handed> handOver) {
        byte[] seen = new byte[BLOCK];
        long perPair = (closesWanted + 1) / 2;
        for (int cycle = 0; cycle < perPair && !stop; cycle++) {
            PoolBlock block;
            try {
                block = pools.allocate(PoolType.STRING, BLOCK);
            } catch (MemoryBudgetExceededException | IllegalStateException full) {
                Thread.onSpinWait(); // the other pair holds the slots for a moment
                cycle--;
                continue;
            }
            block.read(0, seen, 0, BLOCK);
            for (byte b : seen) {
                if (b != 0) {
                    violation(dirtyAllocations);
                    break;
                }
            }
            byte tag = (byte) (1 + Math.floorMod(tags.getAndIncrement(), 255));
            block.fill(0, BLOCK, tag);
            Handed handed = new Handed(block, tag, cycle);
            handOver.set(handed);
            if ((cycle & 1) == 0) {
                int n = ThreadLocalRandom.current().nextInt(4);
                for (int i = 0; i < n; i++) {
                    touch(handed, i);
                }
                block.close();
                closes.increment();
            } else {
                for (int i = 0; touch(handed, i) || !block.isClosed(); i++) {
                    if (stop) {
                        block.close();
                        break;
                    }
                }
            }
            while (handOver.get() == handed && !stop) {
                Thread.onSpinWait(); // the partner has not seen it yet: wait, so every block is raced
            }
        }
    }

    private void partner(AtomicReference<Handed> handOver) {
        Handed last = null;
        while (!stop) {
            Handed handed = handOver.getAndSet(null);
            if (handed == null) {
                if (last != null) {
                    touch(last, ThreadLocalRandom.current().nextInt(BLOCK)); // a stale handle: must not reach anything
                }
                continue;
            }
            last = handed;
            int n = 1 + ThreadLocalRandom.current().nextInt(4);
            for (int i = 0; i < n; i++) {
                touch(handed, i);
            }
            if ((handed.cycle & 1) != 0) {
                handed.block.close();
                closes.increment();
            }
            for (int i = 0; i < n; i++) {
                touch(handed, i); // racing the close of even cycles on the allocator's thread, or after our own
            }
        }
    }

    /** One read and one write of the block's tag. @return whether the access was allowed (not refused) */
    private boolean touch(Handed handed, int salt) {
        int i = (salt * 29) & (BLOCK - 1);
        try {
            byte got;
            if (path == Path.SINGLE_CALL) {
                handed.block.put(i, handed.tag);
                got = handed.block.get((i + 17) & (BLOCK - 1));
            } else {
                try (PoolBlock.Access a = handed.block.access()) {
                    a.put(i, handed.tag);
                    got = a.get((i + 17) & (BLOCK - 1));
                }
            }
            accesses.increment();
            if (got != handed.tag) {
                violation(got == 0 ? wipedReads : foreignReads);
            }
            return true;
        } catch (IllegalStateException closedOrBusy) {
            refused.increment();
            return false;
        }
    }

    private void violation(LongAdder counter) {
        counter.increment();
        if (stopAtFirstViolation) {
            stop = true;
        }
    }
}
