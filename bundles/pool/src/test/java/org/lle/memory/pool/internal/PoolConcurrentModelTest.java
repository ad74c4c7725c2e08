package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/**
 * Four threads run random operations on one pool system, each against its own model of the blocks it holds:
 * every type, sizes 1..16384 with every class edge (edge-1, edge, edge+1) of every configuration, every
 * strategy, put/get/read/write/views, closes handed to other threads, double closes, stale handles, budget
 * refusals and reconfigurations interleaved. Checked: no unexpected exception, zero-fill on allocate, contents
 * equal the model, use after close throws, a refusal names type, size and budget, the statistics equal the
 * models' sum at quiescent points, only legal state transitions, nothing live or held at the end.
 * Operations in total: system property {@code lle.pool.modelOps} (default 1,000,000).
 */
class PoolConcurrentModelTest {
    private static final int THREADS = 4;
    private static final PoolType[] TYPES = PoolType.values();
    private static final AllocationStrategy[] STRATEGIES = AllocationStrategy.values();
    private static final int MAX_LIVE = 48;

    /** The small-budget configurations of the stateful test (many refusals) and roomier ones (few). */
    private static final List<PoolConfig> CONFIGS = configs();

    private static List<PoolConfig> configs() {
        List<PoolConfig> all = new ArrayList<>(PoolModelProperties.CONFIGS);
        for (PoolConfig c : PoolModelProperties.CONFIGS) {
            PoolConfig.Builder b = c.toBuilder().totalBudget(4L << 20);
            for (PoolType type : TYPES) {
                b.typeBudget(type, 1L << 20);
            }
            all.add(b.build());
        }
        return all;
    }

    private static int[] sizes() {
        TreeSet<Integer> edges = new TreeSet<>(List.of(1, 2, 16384));
        for (PoolConfig c : CONFIGS) {
            for (int size : c.type(PoolType.BUFFER).sizeClasses()) {
                edges.addAll(List.of(size - 1, size, Math.min(size + 1, 16384)));
            }
        }
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A block, the bytes it must hold, and who allocated it. */
    record Held(PoolBlock block, byte[] bytes) {
    }

    /** What one thread knows: the blocks it holds and the counts of what it did. */
    static final class ThreadModel {
        final List<Held> live = new ArrayList<>();
        final List<PoolBlock> stale = new ArrayList<>();
        final long[] allocations = new long[TYPES.length];
        final long[] frees = new long[TYPES.length];
        final long[] failures = new long[TYPES.length];
        long ops;
        long refusals;
        long staleUses;
        long handedOff;
        long reconfigurations;
    }

    @Test
    void fourThreadsAgreeWithTheirModels() throws Exception {
        long totalOps = Long.getLong("lle.pool.modelOps", 1_000_000L);
        long perThread = totalOps / THREADS;
        int quiescentEvery = (int) Math.max(1000, perThread / 20);
        int[] sizes = sizes();
        DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(CONFIGS.get(3),
                new TestConfigs.RecordingLeakListener());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        pools.addStateListener((from, to) -> {
            if (!from.canTransitionTo(to)) {
                failures.add("illegal transition " + from + " -> " + to);
            }
        });
        ConcurrentLinkedQueue<Held> handoffs = new ConcurrentLinkedQueue<>();
        ThreadModel[] models = new ThreadModel[THREADS];
        for (int i = 0; i < THREADS; i++) {
            models[i] = new ThreadModel();
        }
        AtomicLong quiescentChecks = new AtomicLong();
        CyclicBarrier quiescent = new CyclicBarrier(THREADS, () -> {
            quiescentChecks.incrementAndGet();
            checkStats(pools, models, handoffs, failures);
        });
        Thread[] workers = new Thread[THREADS];
        long start = System.nanoTime();
        for (int w = 0; w < THREADS; w++) {
            int id = w;
            workers[w] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(0x5EED + id);
                ThreadModel m = models[id];
                try {
                    for (long op = 0; op < perThread; op++) {
                        step(pools, m, random, sizes, handoffs, id);
                        m.ops++;
                        if ((op + 1) % quiescentEvery == 0) {
                            quiescent.await(60, TimeUnit.SECONDS);
                        }
                    }
                    quiescent.await(60, TimeUnit.SECONDS);
                } catch (Throwable t) {
                    failures.add("thread " + id + ": " + t);
                    quiescent.reset();
                }
            }, "model-" + w);
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(worker.isAlive()).as(worker.getName() + " finished").isFalse();
        }
        long elapsed = System.nanoTime() - start;
        for (ThreadModel m : models) { // close everything left: nothing may leak
            for (Held h : m.live) {
                h.block().close();
                m.frees[h.block().type().ordinal()]++;
            }
            m.live.clear();
        }
        for (Held h; (h = handoffs.poll()) != null;) {
            h.block().close();
            models[0].frees[h.block().type().ordinal()]++;
        }
        checkStats(pools, models, handoffs, failures);
        pools.trim();
        PoolStats total = pools.totalStats(); // also returns the caches of the ended workers
        long ops = Arrays.stream(models).mapToLong(m -> m.ops).sum();
        System.out.printf("model run: %d ops on %d threads in %.2f s (%.0f ops/s); %d allocations, %d refusals,"
                + " %d stale uses, %d hand-offs, %d reconfigurations, %d quiescent checks%n", ops, THREADS,
                elapsed / 1e9, ops / (elapsed / 1e9), total.allocations(),
                Arrays.stream(models).mapToLong(m -> m.refusals).sum(),
                Arrays.stream(models).mapToLong(m -> m.staleUses).sum(),
                Arrays.stream(models).mapToLong(m -> m.handedOff).sum(),
                Arrays.stream(models).mapToLong(m -> m.reconfigurations).sum(), quiescentChecks.get());
        assertThat(failures).isEmpty();
        assertThat(ops).isEqualTo(perThread * THREADS);
        assertThat(total.liveBlocks()).as("live blocks at the end").isZero();
        assertThat(total.liveBytes()).isZero();
        for (PoolType type : TYPES) {
            assertThat(pools.ledger().held(type.ordinal())).as("bytes %s holds at the end", type).isZero();
        }
        assertThat(pools.reserve().used()).isZero();
        pools.close();
        assertThat(pools.state()).isEqualTo(MemoryState.SHUTDOWN);
    }

    private static void step(DefaultMemoryPoolSystem pools, ThreadModel m, SplittableRandom random, int[] sizes,
            ConcurrentLinkedQueue<Held> handoffs, int id) {
        int dice = random.nextInt(100);
        if (id == 0 && random.nextInt(4000) == 0) {
            // the roomy configurations three times in four: refusals stay frequent but do not dominate
            int half = CONFIGS.size() / 2;
            pools.reconfigure(CONFIGS.get(random.nextInt(4) == 0 ? random.nextInt(half) : half + random.nextInt(half)));
            m.reconfigurations++;
        } else if (dice < 30 && m.live.size() < MAX_LIVE || m.live.isEmpty() && dice < 60) {
            allocate(pools, m, random, sizes);
        } else if (dice < 45 && !m.live.isEmpty()) {
            write(m.live.get(random.nextInt(m.live.size())), random);
        } else if (dice < 60 && !m.live.isEmpty()) {
            verify(m.live.get(random.nextInt(m.live.size())), random);
        } else if (dice < 78 && !m.live.isEmpty()) {
            Held h = m.live.remove(random.nextInt(m.live.size()));
            h.block().close();
            m.frees[h.block().type().ordinal()]++;
            rememberStale(m, h.block());
        } else if (dice < 84 && !m.live.isEmpty()) {
            handoffs.add(m.live.remove(random.nextInt(m.live.size()))); // another thread checks and closes it
            m.handedOff++;
        } else if (dice < 90) {
            Held h = handoffs.poll();
            if (h != null) {
                check(Arrays.equals(read(h.block()), h.bytes()), "a handed-off block holds its bytes");
                h.block().close();
                m.frees[h.block().type().ordinal()]++;
                rememberStale(m, h.block());
            }
        } else if (!m.stale.isEmpty()) {
            useStale(m.stale.get(random.nextInt(m.stale.size())), random.nextInt(6));
            m.staleUses++;
        }
    }

    private static void allocate(DefaultMemoryPoolSystem pools, ThreadModel m, SplittableRandom random,
            int[] sizes) {
        PoolType type = TYPES[random.nextInt(TYPES.length)];
        int size = random.nextBoolean() ? sizes[random.nextInt(sizes.length)] : 1 + random.nextInt(16384);
        AllocationStrategy strategy = STRATEGIES[random.nextInt(STRATEGIES.length)];
        PoolBlock block;
        try {
            block = pools.allocate(type, size, strategy);
        } catch (MemoryBudgetExceededException refused) {
            check(refused.type() == type && refused.requestedBytes() == size && refused.budgetBytes() >= 0
                    && refused.getMessage().contains(type.toString())
                    && refused.getMessage().contains(String.valueOf(size)), "a refusal names type, size, budget: "
                    + refused.getMessage());
            m.failures[type.ordinal()]++;
            m.refusals++;
            return;
        }
        m.allocations[type.ordinal()]++;
        check(block.size() == size && block.capacity() >= size && block.type() == type, "block of the request");
        byte[] fresh = read(block);
        for (byte b : fresh) {
            check(b == 0, "zero-filled on allocate");
        }
        m.live.add(new Held(block, fresh));
    }

    private static void write(Held h, SplittableRandom random) {
        byte[] bytes = h.bytes();
        int index = random.nextInt(bytes.length);
        byte value = (byte) random.nextInt(256);
        switch (random.nextInt(4)) {
            case 0 -> {
                h.block().put(index, value);
                bytes[index] = value;
            }
            case 1 -> {
                int length = 1 + random.nextInt(Math.min(256, bytes.length - index));
                byte[] src = new byte[length];
                Arrays.fill(src, value);
                h.block().write(index, src, 0, length);
                System.arraycopy(src, 0, bytes, index, length);
            }
            case 2 -> {
                h.block().asByteBuffer().put(index, value);
                bytes[index] = value;
            }
            default -> {
                int length = 1 + random.nextInt(Math.min(64, bytes.length - index));
                ByteBuffer view = h.block().asByteBuffer();
                for (int i = 0; i < length; i++) {
                    view.put(index + i, value);
                }
                Arrays.fill(bytes, index, index + length, value);
            }
        }
    }

    private static void verify(Held h, SplittableRandom random) {
        byte[] bytes = h.bytes();
        if (random.nextBoolean()) {
            int index = random.nextInt(bytes.length);
            check(h.block().get(index) == bytes[index], "get equals the model");
        } else {
            check(Arrays.equals(read(h.block()), bytes), "contents equal the model");
        }
    }

    private static void useStale(PoolBlock stale, int how) {
        if (how == 5) {
            stale.close(); // double close: no effect, counted once
            return;
        }
        try {
            switch (how) {
                case 0 -> stale.get(0);
                case 1 -> stale.put(0, (byte) 1);
                case 2 -> stale.read(0, new byte[1], 0, 1);
                case 3 -> stale.write(0, new byte[1], 0, 1);
                default -> stale.asByteBuffer();
            }
            throw new AssertionError("use after close did not throw");
        } catch (IllegalStateException expected) {
            check(expected.getMessage().contains("closed"), "use after close says closed");
        }
    }

    private static void rememberStale(ThreadModel m, PoolBlock block) {
        if (m.stale.size() == 64) {
            m.stale.remove(0);
        }
        m.stale.add(block);
    }

    private static byte[] read(PoolBlock block) {
        byte[] bytes = new byte[block.size()];
        block.read(0, bytes, 0, bytes.length);
        return bytes;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** At a quiescent point: the statistics of every type equal the sum of the thread models. */
    private static void checkStats(DefaultMemoryPoolSystem pools, ThreadModel[] models,
            ConcurrentLinkedQueue<Held> handoffs, ConcurrentLinkedQueue<String> failures) {
        for (PoolType type : TYPES) {
            int t = type.ordinal();
            long allocations = 0;
            long frees = 0;
            long refusals = 0;
            long live = 0;
            long liveBytes = 0;
            for (ThreadModel m : models) {
                allocations += m.allocations[t];
                frees += m.frees[t];
                refusals += m.failures[t];
                for (Held h : m.live) {
                    if (h.block().type() == type) {
                        live++;
                        liveBytes += h.block().size();
                    }
                }
            }
            for (Held h : handoffs) {
                if (h.block().type() == type) {
                    live++;
                    liveBytes += h.block().size();
                }
            }
            PoolStats s = pools.stats(type);
            long[] real = {s.allocations(), s.frees(), s.failures(), s.liveBlocks(), s.liveBytes()};
            long[] model = {allocations, frees, refusals, live, liveBytes};
            if (!Arrays.equals(real, model)) {
                failures.add("stats of " + type + " (allocations, frees, failures, live blocks, live bytes): "
                        + Arrays.toString(real) + ", model " + Arrays.toString(model));
            }
        }
    }
}
