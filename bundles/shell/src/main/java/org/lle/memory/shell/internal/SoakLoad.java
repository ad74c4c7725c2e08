package org.lle.memory.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolType;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryException;

/**
 * The load threads of {@code lle:soak}: each owns a working set of pool blocks or brokered secure buffers,
 * allocates, fills with a pattern unique to the allocation, checks it back and frees at random. A pattern that
 * comes back different is corruption; a secure buffer closed under its owner is lost. Refusals under memory
 * pressure (budget, provider limits) are counted, not failures: the soak looks for leaks and loss.
 */
final class SoakLoad {

    /** Counters shared by all load threads. */
    static final class Counters {
        final AtomicLong ops = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong corrupted = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstProblem = new AtomicReference<>();

        void problem(AtomicLong counter, String what) {
            counter.incrementAndGet();
            firstProblem.compareAndSet(null, what);
        }

        long problems() {
            return lost.get() + corrupted.get() + errors.get();
        }
    }

    private SoakLoad() {
    }

    /** Never all zero; different for each seed (one seed per allocation). */
    static byte patternByte(long seed, int index) {
        long x = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        x ^= x >>> 31;
        return (byte) (x | 1);
    }

    /** A working set that one load thread changes one random step at a time. */
    interface WorkingSet {
        /** One random allocation, check, rewrite or free. */
        void step();

        /** Checks and frees everything still held (after the thread ended). */
        void drain();
    }

    /** The loop of one load thread: random steps on its working set until stopped, each counted, none fatal. */
    static final class LoadThread implements Runnable {
        private final String name;
        private final WorkingSet set;
        private final Counters counters;
        private volatile boolean stop;

        /** @param name how a problem report names this thread, e.g. {@code "pool worker"} */
        LoadThread(String name, WorkingSet set, Counters counters) {
            this.name = name;
            this.set = set;
            this.counters = counters;
        }

        void stop() {
            stop = true;
        }

        void drain() {
            set.drain();
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    set.step();
                    counters.ops.incrementAndGet();
                } catch (RuntimeException e) {
                    counters.problem(counters.errors, name + ": " + e);
                }
            }
        }
    }

    /** Churns pool blocks of every type. */
    static final class PoolWorker implements WorkingSet {
        private static final int MAX_HELD = 2_000;
        private static final PoolType[] TYPES = PoolType.values();
        private final MemoryPoolSystem pools;
        private final Counters counters;
        private final SplittableRandom random;
        private final List<PoolBlock> held = new ArrayList<>();
        private final List<Long> seeds = new ArrayList<>();

        PoolWorker(MemoryPoolSystem pools, Counters counters, long seed) {
            this.pools = pools;
            this.counters = counters;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void step() {
            if (held.size() < MAX_HELD && (held.isEmpty() || random.nextInt(100) < 52)) {
                int size = random.nextInt(8) == 0 ? 1 + random.nextInt(16_384) : 1 + random.nextInt(256);
                allocate(TYPES[random.nextInt(TYPES.length)], size);
            } else {
                freeAt(random.nextInt(held.size()));
            }
        }

        @Override
        public void drain() {
            while (!held.isEmpty()) {
                freeAt(held.size() - 1);
            }
        }

        private void allocate(PoolType type, int size) {
            PoolBlock block;
            try {
                block = pools.allocate(type, size);
            } catch (MemoryBudgetExceededException refused) {
                counters.refused.incrementAndGet();
                return;
            }
            long seed = random.nextLong();
            // the first, last and a middle byte: enough to see a block handed to two owners or not wiped
            for (int i : probes(size)) {
                if (block.get(i) != 0) {
                    counters.problem(counters.corrupted, "pool block of " + size + " B not zero-filled at " + i);
                }
                block.put(i, patternByte(seed, i));
            }
            held.add(block);
            seeds.add(seed);
        }

        private void freeAt(int i) {
            PoolBlock block = held.get(i);
            long seed = seeds.get(i);
            for (int p : probes(block.size())) {
                if (block.get(p) != patternByte(seed, p)) {
                    counters.problem(counters.corrupted, "pool block of " + block.size() + " B changed at " + p);
                    break;
                }
            }
            block.close();
            int last = held.size() - 1;
            held.set(i, held.get(last));
            seeds.set(i, seeds.get(last));
            held.remove(last);
            seeds.remove(last);
        }

        /** The first, middle and last index, each once. */
        private static int[] probes(int size) {
            return IntStream.of(0, size / 2, size - 1).distinct().toArray();
        }
    }

    /** Churns brokered secure buffers of every size class, small ones most often. */
    static final class SecureWorker implements WorkingSet {
        private static final int MAX_HELD = 48;
        private final SecureMemory broker;
        private final Counters counters;
        private final SplittableRandom random;
        private final List<SecureBuffer> held = new ArrayList<>();
        private final List<byte[]> expected = new ArrayList<>();

        SecureWorker(SecureMemory broker, Counters counters, long seed) {
            this.broker = broker;
            this.counters = counters;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void step() {
            int roll = random.nextInt(100);
            if (held.size() < MAX_HELD && (held.isEmpty() || roll < 35)) {
                allocate();
            } else if (roll < 75) {
                rewrite(random.nextInt(held.size()));
            } else {
                freeAt(random.nextInt(held.size()));
            }
        }

        @Override
        public void drain() {
            while (!held.isEmpty()) {
                freeAt(held.size() - 1);
            }
        }

        private int nextSize() {
            int max = broker.maxAllocationSize();
            int roll = random.nextInt(1000);
            int bound = roll < 900 ? 4096 : roll < 995 ? 256 * 1024 : 4 * 1024 * 1024;
            return 1 + random.nextInt(Math.max(1, Math.min(bound, max)));
        }

        private void allocate() {
            int size = nextSize();
            SecureBuffer buffer;
            try {
                buffer = broker.allocate(size);
            } catch (SecureMemoryException | IllegalArgumentException refused) {
                // no provider for a moment during a swap, or a size above the limit of the provider now bound
                counters.refused.incrementAndGet();
                return;
            }
            byte[] zeros = new byte[size];
            if (!buffer.contentEquals(zeros)) {
                counters.problem(counters.corrupted, "secure buffer of " + size + " B not zero-filled");
            }
            held.add(buffer);
            expected.add(zeros);
            rewrite(held.size() - 1);
        }

        private void rewrite(int i) {
            if (!check(i)) {
                return;
            }
            byte[] next = expected.get(i);
            long seed = random.nextLong();
            for (int j = 0; j < next.length; j++) {
                next[j] = patternByte(seed, j);
            }
            held.get(i).write(0, next, 0, next.length);
        }

        private boolean check(int i) {
            SecureBuffer buffer = held.get(i);
            try {
                if (!buffer.contentEquals(expected.get(i))) {
                    counters.problem(counters.corrupted, "secure buffer of " + buffer.size() + " B: bytes differ");
                    remove(i).close();
                    return false;
                }
                return true;
            } catch (IllegalStateException e) {
                counters.problem(buffer.isClosed() ? counters.lost : counters.errors,
                        "secure buffer of " + buffer.size() + " B: " + e.getMessage());
                remove(i).close();
                return false;
            }
        }

        private void freeAt(int i) {
            if (check(i)) {
                remove(i).close();
            }
        }

        private SecureBuffer remove(int i) {
            SecureBuffer buffer = held.get(i);
            int last = held.size() - 1;
            held.set(i, held.get(last));
            expected.set(i, expected.get(last));
            held.remove(last);
            expected.remove(last);
            return buffer;
        }
    }
}
