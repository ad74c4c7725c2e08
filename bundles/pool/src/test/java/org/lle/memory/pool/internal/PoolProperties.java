package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/** Random alloc/free sequences against a simple model of what must be live. */
class PoolProperties {

    /** One step: allocate (type, size, strategy) or close the live block at {@code pick % live}. */
    record Op(boolean allocate, int type, int size, AllocationStrategy strategy, int pick) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> allocs = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 1024), Arbitraries.of(AllocationStrategy.class))
                .as((t, s, st) -> new Op(true, t, s, st, 0));
        Arbitrary<Op> frees = Arbitraries.integers().between(0, 1000).map(k -> new Op(false, 0, 0, null, k));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, allocs), net.jqwik.api.Tuple.of(2, frees)).list().ofMaxSize(300);
    }

    @Property(tries = 150)
    void statsStayExactAndNoBlockHasTwoOwners(@ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 0, max = 4) int cache, @ForAll PoolSelection selection) {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(6, 2).threadCacheSize(cache)
                .selection(selection).emergencyReserve(4096).typeBudget(PoolType.STRING, 3000).build())) {
            List<PoolBlock> live = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            long[] allocations = new long[3];
            long[] frees = new long[3];
            long[] failures = new long[3];
            long[] liveBytes = new long[3];
            long[] reserved = new long[3];
            int nextId = 0;
            for (Op op : ops) {
                if (op.allocate()) {
                    PoolType type = PoolType.values()[op.type()];
                    try {
                        PoolBlock b = p.allocate(type, op.size(), op.strategy());
                        int id = nextId++;
                        byte[] fresh = new byte[b.size()];
                        b.read(0, fresh, 0, fresh.length);
                        assertThat(fresh).as("handed out zero-filled").containsOnly(0);
                        PoolConcurrencyTest.fill(b, id);
                        assertThat(b.size()).isEqualTo(op.size());
                        assertThat(b.capacity()).isGreaterThanOrEqualTo(op.size());
                        live.add(b);
                        ids.add(id);
                        allocations[op.type()]++;
                        liveBytes[op.type()] += op.size();
                        reserved[op.type()] += b.capacity();
                    } catch (MemoryBudgetExceededException refused) {
                        failures[op.type()]++;
                    }
                } else if (!live.isEmpty()) {
                    int k = op.pick() % live.size();
                    PoolBlock b = live.remove(k);
                    PoolConcurrencyTest.check(b, ids.remove(k));
                    int t = b.type().ordinal();
                    frees[t]++;
                    liveBytes[t] -= b.size();
                    reserved[t] -= b.capacity();
                    b.close();
                    assertThat(b.isClosed()).isTrue();
                }
            }
            for (int k = 0; k < live.size(); k++) {
                PoolConcurrencyTest.check(live.get(k), ids.get(k));
            }
            for (int t = 0; t < 3; t++) {
                PoolStats s = p.stats(PoolType.values()[t]);
                assertThat(s.allocations()).isEqualTo(allocations[t]);
                assertThat(s.frees()).isEqualTo(frees[t]);
                assertThat(s.liveBlocks()).isEqualTo(allocations[t] - frees[t]);
                assertThat(s.liveBytes()).isEqualTo(liveBytes[t]);
                assertThat(s.reservedBytes()).isEqualTo(reserved[t]);
                assertThat(s.failures()).isEqualTo(failures[t]);
                assertThat(s.cacheHits() + s.cacheMisses()).isEqualTo(allocations[t]);
                assertThat(s.peakBytes()).isGreaterThanOrEqualTo(liveBytes[t]);
                // what the ledger holds is the live blocks outside the reserve plus this thread's cache
                assertThat(p.ledger().held(t)).isGreaterThanOrEqualTo(reserved[t] - emergencyHeld(live, t));
            }
            live.forEach(PoolBlock::close);
            assertThat(p.reserve().used()).isZero();
        }
    }

    private static long emergencyHeld(List<PoolBlock> live, int t) {
        return live.stream().map(b -> (PooledBlock) b)
                .filter(b -> b.type().ordinal() == t && b.slab.pool.isEmergency())
                .mapToLong(b -> b.slab.pool.blockSize).sum();
    }

    @Property(tries = 100)
    void peakIsExactForOneThread(@ForAll("ops") List<Op> ops) {
        try (DefaultMemoryPoolSystem p = new DefaultMemoryPoolSystem(TestConfigs.small(1000, 1).threadCacheSize(2)
                .build())) {
            List<PoolBlock> live = new ArrayList<>();
            long liveBytes = 0;
            long peak = 0;
            for (Op op : ops) {
                if (op.allocate()) {
                    PoolBlock b = p.allocate(PoolType.EVENT, op.size());
                    live.add(b);
                    liveBytes += op.size();
                    peak = Math.max(peak, liveBytes);
                } else if (!live.isEmpty()) {
                    PoolBlock b = live.remove(op.pick() % live.size());
                    liveBytes -= b.size();
                    b.close();
                }
            }
            assertThat(p.stats(PoolType.EVENT).peakBytes()).isEqualTo(peak);
            live.forEach(PoolBlock::close);
        }
    }
}
