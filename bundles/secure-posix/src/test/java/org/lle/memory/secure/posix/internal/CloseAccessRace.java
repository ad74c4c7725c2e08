package org.lle.memory.secure.posix.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.lle.memory.secure.SecureBuffer;

/**
 * Two threads, each allocating, tagging, publishing and closing buffers of one size class (so a closed slot is
 * handed to the next buffer at once), while racing the other thread's published buffer: single calls or an
 * access. Every buffer is filled with a tag of its own. A racer writes the tag of the buffer it holds and checks
 * that what it reads is that tag; an owner checks, just before its close, that its buffer holds only its own
 * tag. So an access that reaches a later owner's memory shows up either as a foreign read (the racer sees
 * another tag, or the wipe) or as a foreign write (the owner finds another tag, or a new buffer is not all
 * zeros: close wipes only what the buffer's writes recorded, so a racer's write that close did not see stays).
 *
 * <p>{@link Path#OWNER} turns it round for the allocating thread's own way in ({@link ArenaSlot}'s owner handshake):
 * each thread keeps using its own buffer while the other thread closes it. A new buffer must be all zeros (an
 * access that wrote after the close's wipe shows up as a foreign write there) and a read must see the tag (an
 * access after the wipe reads zeros).
 *
 * <p>The main method is the control run's entry (a child JVM with the guard off).
 */
final class CloseAccessRace {
    static final int SIZE = 16;
    private static final int RACE_OPS = 8;

    /** What one run saw. */
    record Outcome(long pairs, long refused, long foreignReads, long foreignWrites, long nanos) {
        long violations() {
            return foreignReads + foreignWrites;
        }

        @Override
        public String toString() {
            return pairs + " close/access pairs, " + refused + " accesses refused (closed), " + foreignReads
                    + " foreign reads, " + foreignWrites + " foreign writes, " + nanos / 1_000_000 + " ms";
        }
    }

    private record Published(SecureBuffer buffer, byte tag) {
    }

    /** Which way in the racing accesses take. */
    enum Path {
        /** single calls on the other thread's buffer, which its owner closes */
        SINGLE,
        /** an access on the other thread's buffer, which its owner closes */
        ACCESS,
        /** single calls on the thread's own buffer, which the other thread closes */
        OWNER
    }

    private CloseAccessRace() {
    }

    /** Runs {@code pairs} closes (half per thread), racing through an access or through single calls. */
    static Outcome run(PosixSecureMemory memory, long pairs, Path path) throws InterruptedException {
        SecureBuffer keepsChunksMapped = memory.allocate(SIZE); // a stale access never meets an unmapped chunk
        AtomicReferenceArray<Published> published = new AtomicReferenceArray<>(2);
        AtomicLong refused = new AtomicLong();
        AtomicLong foreignReads = new AtomicLong();
        AtomicLong foreignWrites = new AtomicLong();
        Thread[] threads = new Thread[2];
        Throwable[] failure = new Throwable[1];
        long start = System.nanoTime();
        for (int t = 0; t < 2; t++) {
            int me = t;
            threads[t] = new Thread(() -> {
                long myRefused = 0;
                long myReads = 0;
                long myWrites = 0;
                byte[] scratch = new byte[SIZE];
                for (long k = 0; k < pairs / 2; k++) {
                    byte tag = (byte) (1 + (2 * k + me) % 254);
                    if (path == Path.OWNER) {
                        long[] counts = ownerRound(memory, published, me, tag, scratch);
                        myRefused += counts[0];
                        myReads += counts[1];
                        myWrites += counts[2];
                        continue;
                    }
                    SecureBuffer mine = memory.allocate(SIZE);
                    mine.read(0, scratch, 0, SIZE);
                    for (byte b : scratch) {
                        if (b != 0) { // a racer's write the previous owner's close did not wipe (or a late one)
                            myWrites++;
                        }
                    }
                    mine.fill(0, SIZE, tag);
                    published.set(me, new Published(mine, tag));
                    Published theirs = published.get(1 - me);
                    if (theirs != null) {
                        try {
                            myReads += path == Path.ACCESS ? raceAccess(theirs) : raceSingle(theirs);
                        } catch (IllegalStateException closed) {
                            myRefused++;
                        }
                    }
                    mine.read(0, scratch, 0, SIZE);
                    for (byte b : scratch) {
                        if (b != tag) {
                            myWrites++;
                        }
                    }
                    mine.close();
                }
                refused.addAndGet(myRefused);
                foreignReads.addAndGet(myReads);
                foreignWrites.addAndGet(myWrites);
            }, "race-" + t);
            threads[t].setDaemon(true);
            threads[t].setUncaughtExceptionHandler((thread, e) -> failure[0] = e);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int t = 0; t < 2; t++) {
            Published left = published.get(t);
            if (left != null) {
                left.buffer().close();
            }
        }
        keepsChunksMapped.close();
        if (failure[0] != null) {
            throw new AssertionError("a racing thread failed", failure[0]);
        }
        return new Outcome(pairs / 2 * 2, refused.get(), foreignReads.get(), foreignWrites.get(),
                System.nanoTime() - start);
    }

    /**
     * One close of the owner path: allocate (must be zeros), tag, publish; close the buffer the other thread
     * published, if it is still there, racing its owner's accesses; then use the own buffer until it is closed.
     *
     * @return refused accesses, foreign reads, foreign writes
     */
    private static long[] ownerRound(PosixSecureMemory memory, AtomicReferenceArray<Published> published, int me,
            byte tag, byte[] scratch) {
        long[] counts = new long[3];
        SecureBuffer mine = memory.allocate(SIZE);
        mine.read(0, scratch, 0, SIZE);
        for (byte b : scratch) {
            if (b != 0) {
                counts[2]++;
            }
        }
        mine.fill(0, SIZE, tag);
        Published previous = published.getAndSet(me, new Published(mine, tag));
        if (previous != null) {
            previous.buffer().close(); // not taken by the other thread: closed by its owner
        }
        Published theirs = published.getAndSet(1 - me, null);
        if (theirs != null) {
            theirs.buffer().close();
        }
        try {
            for (int i = 0; i < RACE_OPS; i++) {
                mine.put(i, tag);
                if (mine.get(SIZE - 1 - i) != tag) {
                    counts[1]++;
                }
            }
        } catch (IllegalStateException closed) {
            counts[0]++;
        }
        return counts;
    }

    private static int raceSingle(Published theirs) {
        int foreign = 0;
        SecureBuffer buffer = theirs.buffer();
        for (int i = 0; i < RACE_OPS; i++) {
            buffer.put(i, theirs.tag());
            if (buffer.get(SIZE - 1 - i) != theirs.tag()) {
                foreign++;
            }
        }
        return foreign;
    }

    private static int raceAccess(Published theirs) {
        int foreign = 0;
        try (SecureBuffer.Access access = theirs.buffer().access()) {
            for (int i = 0; i < RACE_OPS; i++) {
                access.put(i, theirs.tag());
                if (access.get(SIZE - 1 - i) != theirs.tag()) {
                    foreign++;
                }
            }
        }
        return foreign;
    }

    /** The control run: {@code args[0]} pairs, {@code args[1]} a {@link Path}; prints the outcome. */
    public static void main(String[] args) throws Exception {
        try (PosixSecureMemory memory = new PosixSecureMemory(PosixSettings.defaults())) {
            Outcome outcome = run(memory, Long.parseLong(args[0]), Path.valueOf(args[1]));
            System.out.println("unguarded=" + SlotControlRuns.UNGUARDED + " violations=" + outcome.violations() + " "
                    + outcome);
        }
    }
}
