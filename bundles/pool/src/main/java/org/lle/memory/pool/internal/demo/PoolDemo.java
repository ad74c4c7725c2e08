package org.lle.memory.pool.internal.demo;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryPools;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/**
 * A small line-editor-like workload on a plain class path: text buffers, events, strings, history entries,
 * completions, scratch space; then the statistics of each type and the total.
 */
public final class PoolDemo {
    private PoolDemo() {
    }

    public static void main(String[] args) {
        run(System.out, 20_000);
    }

    /** Runs {@code operations} allocations with frees mixed in and prints the statistics to {@code out}. */
    public static void run(PrintStream out, int operations) {
        PoolConfig config = PoolConfig.builder().leakDetection(LeakDetection.DISABLED).build();
        Random random = new Random(42);
        try (MemoryPoolSystem pools = MemoryPools.create(config)) {
            Deque<PoolBlock> history = new ArrayDeque<>();
            byte[] line = new byte[16384];
            for (int i = 0; i < operations; i++) {
                PoolType type = pick(random);
                int size = sizeFor(type, random);
                PoolBlock block = pools.allocate(type, size);
                random.nextBytes(line);
                block.write(0, line, 0, size);
                if (type == PoolType.HISTORY) {
                    history.addLast(block); // history lives long: keep the last 200 entries
                    if (history.size() > 200) {
                        history.removeFirst().close();
                    }
                } else {
                    block.close();
                }
            }
            print(out, pools);
            history.forEach(PoolBlock::close);
        }
    }

    private static PoolType pick(Random random) {
        int r = random.nextInt(100);
        if (r < 30) {
            return PoolType.EVENT;
        } else if (r < 50) {
            return PoolType.STRING;
        } else if (r < 65) {
            return PoolType.BUFFER;
        } else if (r < 75) {
            return PoolType.HISTORY;
        } else if (r < 85) {
            return PoolType.COMPLETION;
        } else if (r < 95) {
            return PoolType.SYNTAX;
        }
        return PoolType.TEMP;
    }

    private static int sizeFor(PoolType type, Random random) {
        switch (type) {
            case EVENT:
                return 16 + random.nextInt(48);
            case STRING:
            case COMPLETION:
                return 8 + random.nextInt(120);
            case BUFFER:
                return 256 + random.nextInt(4096);
            case HISTORY:
                return 32 + random.nextInt(480);
            default:
                return 64 + random.nextInt(16000);
        }
    }

    private static void print(PrintStream out, MemoryPoolSystem pools) {
        out.println("lle-memory pool demo: " + pools.config().defaultStrategy() + " strategy, "
                + pools.config().selection() + " selection, state " + pools.state());
        out.printf("%-11s %8s %8s %6s %9s %9s %9s %8s %8s %9s %8s%n", "type", "allocs", "frees", "live",
                "liveB", "peakB", "reservedB", "hits", "misses", "fallbacks", "failures");
        for (PoolType type : PoolType.values()) {
            row(out, type.name(), pools.stats(type));
        }
        row(out, "TOTAL", pools.totalStats());
    }

    private static void row(PrintStream out, String name, PoolStats s) {
        out.printf("%-11s %8d %8d %6d %9d %9d %9d %8d %8d %9d %8d%n", name, s.allocations(), s.frees(),
                s.liveBlocks(), s.liveBytes(), s.peakBytes(), s.reservedBytes(), s.cacheHits(), s.cacheMisses(),
                s.fallbacks(), s.failures());
    }
}
