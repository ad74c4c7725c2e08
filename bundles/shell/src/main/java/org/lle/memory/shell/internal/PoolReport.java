package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/** {@code lle:pools}: the per-type statistics table, optionally after a small checked workload. */
final class PoolReport {
    private static final String ROW = "%-10s %8s %8s %6s %10s %10s %10s %7s %9s %11s %8s%n";

    private final MemoryPoolSystem pools;

    PoolReport(MemoryPoolSystem pools) {
        this.pools = pools;
    }

    void print(PrintStream out, int exercise) {
        MemoryPoolSystem p = pools;
        if (p == null) {
            throw new IllegalStateException("no MemoryPoolSystem service is registered (is lle-memory-pool active?)");
        }
        if (exercise < 0) {
            throw new IllegalArgumentException("--exercise must be >= 0, got " + exercise);
        }
        List<PoolBlock> held = exercise == 0 ? List.of() : allocateChecked(p, exercise);
        try {
            if (!held.isEmpty()) {
                out.println("holding " + held.size() + " blocks (written and read back) across all "
                        + PoolType.values().length + " types:");
            }
            table(out, p);
        } finally {
            held.forEach(PoolBlock::close);
        }
        if (!held.isEmpty()) {
            PoolStats t = p.totalStats();
            out.println("closed the " + held.size() + " blocks: now " + t.liveBlocks() + " live blocks, "
                    + Units.bytes(t.liveBytes()) + " live");
        }
    }

    static void table(PrintStream out, MemoryPoolSystem p) {
        out.println("state " + p.state() + ", budget " + Units.bytes(p.config().totalBudgetBytes()));
        out.printf(Locale.ROOT, ROW, "type", "allocs", "frees", "live", "live", "peak", "reserved", "cache%",
                "fallback", "spill waste", "failed");
        for (PoolType type : PoolType.values()) {
            row(out, type.name(), p.stats(type));
        }
        row(out, "TOTAL", p.totalStats());
    }

    private static void row(PrintStream out, String name, PoolStats s) {
        long lookups = s.cacheHits() + s.cacheMisses();
        String hit = lookups == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * s.cacheHits() / lookups);
        out.printf(Locale.ROOT, ROW, name, s.allocations(), s.frees(), s.liveBlocks(), Units.bytes(s.liveBytes()),
                Units.bytes(s.peakBytes()), Units.bytes(s.reservedBytes()), hit, s.fallbacks(), Units.bytes(s.secondaryWasteBytes()), s.failures());
    }

    /** Allocates {@code count} blocks round-robin over types and sizes; each is written and read back. */
    private static List<PoolBlock> allocateChecked(MemoryPoolSystem p, int count) {
        PoolType[] types = PoolType.values();
        List<PoolBlock> blocks = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                PoolType type = types[i % types.length];
                int largest = p.config().type(type).largestClass();
                int size = Math.min(largest, 16 << (i % 10));
                PoolBlock block = p.allocate(type, size);
                blocks.add(block);
                byte[] pattern = pattern(i, size);
                block.write(0, pattern, 0, size);
                byte[] back = new byte[size];
                block.read(0, back, 0, size);
                if (!java.util.Arrays.equals(pattern, back)) {
                    throw new IllegalStateException("pool block " + i + " (" + type + ", " + size
                            + " B) did not read back what was written");
                }
            }
            return blocks;
        } catch (RuntimeException e) {
            blocks.forEach(PoolBlock::close);
            throw e;
        }
    }

    private static byte[] pattern(int seed, int size) {
        byte[] b = new byte[size];
        for (int j = 0; j < size; j++) {
            b[j] = (byte) (seed * 31 + j * 7 + 1);
        }
        return b;
    }
}
