package org.lle.memory.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.MemoryBudgetExceededException;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolSelection;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;
import org.lle.memory.pool.TypeConfig;

/**
 * The pool against a simple model, one action at a time (jqwik stateful): the model predicts every outcome
 * of an allocation (which class or the reserve, or a refusal) from the budgets alone, keeps the bytes of every
 * open block, and the statistics and the state. Single-threaded, so the thread caches cannot blur the budget
 * (a refused thread gives its own cache back and asks again; closes from other threads run on threads that end,
 * whose caches are reclaimed the same way); the pools never run out before a budget does.
 */
class PoolModelProperties {
    static final PoolType[] TYPES = PoolType.values();
    /** Every configuration keeps the largest class at 16 KiB, so a size valid once stays valid. */
    static final List<PoolConfig> CONFIGS = List.of(
            config(new int[] {128, 512, 4096, 16384}, 64 << 10, 256 << 10, 8 << 10, 16, PoolSelection.BEST_FIT,
                    AllocationStrategy.AUTOMATIC),
            config(new int[] {64, 256, 16384}, 32 << 10, 96 << 10, 0, 0, PoolSelection.ROUND_ROBIN,
                    AllocationStrategy.SECONDARY_FALLBACK),
            config(new int[] {1000, 16384}, 48 << 10, 128 << 10, 32 << 10, 4, PoolSelection.LEAST_USED,
                    AllocationStrategy.PRIMARY_ONLY));

    static PoolConfig config(int[] classes, long typeBudget, long total, long reserve, int cache,
            PoolSelection selection, AllocationStrategy strategy) {
        PoolConfig.Builder b = PoolConfig.builder().totalBudget(total).emergencyReserve(reserve)
                .threadCacheSize(cache).selection(selection).defaultStrategy(strategy);
        for (PoolType type : TYPES) {
            b.sizeClasses(type, classes).typeBudget(type, typeBudget);
        }
        return b.build();
    }

    /** Sizes 1..largest with every class edge, edge+1, edge-1 of every configuration, and some in between. */
    static Arbitrary<Integer> sizes() {
        TreeSet<Integer> edges = new TreeSet<>(List.of(1, 2));
        for (PoolConfig c : CONFIGS) {
            for (int size : c.type(PoolType.BUFFER).sizeClasses()) {
                edges.addAll(List.of(size - 1, size, size + 1));
            }
        }
        edges.removeIf(s -> s < 1 || s > 16385); // 16385: one past the largest, refused
        return Arbitraries.oneOf(Arbitraries.of(List.copyOf(edges)), Arbitraries.integers().between(1, 16384),
                Arbitraries.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** An open block and the bytes it must hold. */
    static final class Open {
        final PoolBlock block;
        final byte[] bytes;
        final int capacity;
        final boolean emergency;

        Open(PoolBlock block, int capacity, boolean emergency) {
            this.block = block;
            this.bytes = new byte[block.size()];
            this.capacity = capacity;
            this.emergency = emergency;
        }
    }

    /** The real system and the model side by side. */
    static final class Model {
        final DefaultMemoryPoolSystem pools = new DefaultMemoryPoolSystem(CONFIGS.get(0),
                new TestConfigs.RecordingLeakListener());
        PoolConfig config = CONFIGS.get(0);
        final List<Open> open = new ArrayList<>();
        final List<PoolBlock> stale = new ArrayList<>();
        final long[] allocations = new long[TYPES.length];
        final long[] frees = new long[TYPES.length];
        final long[] failures = new long[TYPES.length];
        final long[] secondary = new long[TYPES.length];
        final long[] emergencies = new long[TYPES.length];
        long reserveUsed;
        MemoryState state = MemoryState.ACTIVE;
        final List<String> illegalTransitions = new ArrayList<>();

        Model() {
            pools.addStateListener((from, to) -> {
                if (!from.canTransitionTo(to)) {
                    illegalTransitions.add(from + " -> " + to);
                }
            });
        }

        long held(PoolType type) {
            return open.stream().filter(o -> !o.emergency && o.block.type() == type).mapToLong(o -> o.capacity).sum();
        }

        long heldTotal() {
            return open.stream().filter(o -> !o.emergency).mapToLong(o -> o.capacity).sum();
        }

        void allocate(PoolType type, int size, AllocationStrategy strategy) {
            TypeConfig tc = config.type(type);
            if (size < 1 || size > tc.largestClass()) {
                assertThatThrownBy(() -> pools.allocate(type, size, strategy))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size " + size)
                        .hasMessageContaining("1.." + tc.largestClass());
                return;
            }
            List<Integer> classes = tc.sizeClasses();
            int primary = 0;
            while (classes.get(primary) < size) {
                primary++;
            }
            int expectedCapacity = -1;
            boolean expectedEmergency = false;
            if (strategy != AllocationStrategy.EMERGENCY_ONLY) {
                int last = strategy == AllocationStrategy.PRIMARY_ONLY ? primary : classes.size() - 1;
                for (int c = primary; c <= last && expectedCapacity < 0; c++) {
                    int cs = classes.get(c);
                    if (held(type) + cs <= tc.budgetBytes() && heldTotal() + cs <= config.totalBudgetBytes()) {
                        expectedCapacity = cs;
                    }
                }
            }
            boolean reserveAllowed = strategy == AllocationStrategy.EMERGENCY_ONLY
                    || strategy == AllocationStrategy.AUTOMATIC && config.emergencyReserveBytes() > 0;
            if (expectedCapacity < 0 && reserveAllowed
                    && reserveUsed + classes.get(primary) <= config.emergencyReserveBytes()) {
                expectedCapacity = classes.get(primary);
                expectedEmergency = true;
            }
            int t = type.ordinal();
            MemoryState before = state;
            if (expectedCapacity < 0) {
                Throwable refused = catchThrowable(() -> pools.allocate(type, size, strategy));
                assertThat(refused).as("refusal of %s %d %s", type, size, strategy)
                        .isInstanceOf(MemoryBudgetExceededException.class)
                        .hasMessageContaining(type.toString()).hasMessageContaining(String.valueOf(size));
                MemoryBudgetExceededException e = (MemoryBudgetExceededException) refused;
                assertThat(e.type()).isEqualTo(type);
                assertThat(e.requestedBytes()).isEqualTo(size);
                assertThat(e.budgetBytes()).as("the budget it names (the reserve for EMERGENCY_ONLY)").isNotNegative();
                failures[t]++;
                if (state == MemoryState.ACTIVE) {
                    state = MemoryState.LOW_MEMORY;
                }
                return;
            }
            PoolBlock block = pools.allocate(type, size, strategy);
            assertThat(block.capacity()).as("capacity of %s %d %s", type, size, strategy).isEqualTo(expectedCapacity);
            assertThat(block.size()).isEqualTo(size);
            byte[] fresh = new byte[size];
            block.read(0, fresh, 0, size);
            assertThat(fresh).as("zero-filled on allocate").containsOnly((byte) 0);
            allocations[t]++;
            if (expectedEmergency) {
                emergencies[t]++;
                reserveUsed += expectedCapacity;
                if (state == MemoryState.ACTIVE) {
                    state = MemoryState.LOW_MEMORY;
                }
            } else {
                if (expectedCapacity != classes.get(primary)) {
                    secondary[t]++;
                }
                if (before == MemoryState.LOW_MEMORY && reserveUsed == 0) {
                    state = MemoryState.ACTIVE;
                }
            }
            open.add(new Open(block, expectedCapacity, expectedEmergency));
        }

        void close(Open o, boolean fromAnotherThread) {
            if (fromAnotherThread) {
                Thread closer = new Thread(o.block::close, "closer");
                closer.start();
                try {
                    closer.join(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(closer.isAlive()).as("close from another thread returned").isFalse();
            } else {
                o.block.close();
            }
            open.remove(o);
            stale.add(o.block);
            frees[o.block.type().ordinal()]++;
            if (o.emergency) {
                reserveUsed -= o.capacity;
            }
        }

        void check() {
            for (PoolType type : TYPES) {
                int t = type.ordinal();
                PoolStats s = pools.stats(type);
                List<Open> mine = open.stream().filter(o -> o.block.type() == type).toList();
                assertThat(new long[] {s.allocations(), s.frees(), s.failures(), s.liveBlocks(), s.liveBytes(),
                    s.secondaryFallbacks(), s.emergencyAllocations(), s.heapFallbacks()})
                        .as("stats of %s", type)
                        .containsExactly(allocations[t], frees[t], failures[t], mine.size(),
                                mine.stream().mapToLong(o -> o.block.size()).sum(), secondary[t], emergencies[t], 0);
            }
            assertThat(pools.state()).isEqualTo(state);
            assertThat(pools.reserve().used()).isEqualTo(reserveUsed);
            assertThat(illegalTransitions).isEmpty();
        }

        @Override
        public String toString() {
            return "model of " + open.size() + " open blocks";
        }
    }

    static Open pick(Model m, int k) {
        return m.open.get(Math.floorMod(k, m.open.size()));
    }

    static Action.Independent<Model> allocate() {
        return () -> Combinators.combine(Arbitraries.of(TYPES), sizes(), Arbitraries.of(AllocationStrategy.class))
                .as((type, size, strategy) -> Transformer.mutate("allocate " + type + " " + size + " " + strategy,
                        m -> m.allocate(type, size, strategy)));
    }

    static Action.Dependent<Model> write() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.open.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes())
                        .as((k, how, at, value) -> Transformer.mutate("write #" + k + " way " + how, model -> {
                            Open o = pick(model, k);
                            int index = at % o.bytes.length;
                            int length = Math.min(o.bytes.length - index, 1 + at % 300);
                            byte[] src = new byte[length];
                            Arrays.fill(src, value);
                            switch (how) {
                                case 0 -> o.block.put(index, value);
                                case 1 -> o.block.write(index, src, 0, length);
                                case 2 -> o.block.asByteBuffer().put(index, value);
                                default -> {
                                    ByteBuffer view = o.block.asByteBuffer();
                                    view.position(index);
                                    view.put(src);
                                }
                            }
                            if (how == 0 || how == 2) {
                                o.bytes[index] = value;
                            } else {
                                System.arraycopy(src, 0, o.bytes, index, length);
                            }
                        }));
            }
        };
    }

    static Action.Dependent<Model> readBack() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.open.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Arbitraries.integers().map(k -> Transformer.mutate("read back #" + k, model -> {
                    Open o = pick(model, k);
                    byte[] now = new byte[o.bytes.length];
                    o.block.read(0, now, 0, now.length);
                    assertThat(now).isEqualTo(o.bytes);
                    assertThat(o.block.get(o.bytes.length - 1)).isEqualTo(o.bytes[o.bytes.length - 1]);
                    ByteBuffer view = o.block.asByteBuffer();
                    assertThat(view.remaining()).isEqualTo(o.bytes.length);
                    assertThat(view.get(0)).isEqualTo(o.bytes[0]);
                }));
            }
        };
    }

    static Action.Dependent<Model> close() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.open.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Combinators.combine(Arbitraries.integers(), Arbitraries.of(true, false))
                        .as((k, other) -> Transformer.mutate("close #" + k + (other ? " from another thread" : ""),
                                model -> model.close(pick(model, k), other)));
            }
        };
    }

    static Action.Dependent<Model> useStale() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.stale.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 5))
                        .as((k, how) -> Transformer.mutate("stale handle #" + k + " way " + how, model -> {
                            PoolBlock b = model.stale.get(Math.floorMod(k, model.stale.size()));
                            assertThat(b.isClosed()).isTrue();
                            if (how == 5) {
                                b.close(); // double close: nothing changes
                                return;
                            }
                            assertThatThrownBy(() -> {
                                switch (how) {
                                    case 0 -> b.get(0);
                                    case 1 -> b.put(0, (byte) 1);
                                    case 2 -> b.read(0, new byte[1], 0, 1);
                                    case 3 -> b.write(0, new byte[1], 0, 1);
                                    default -> b.asByteBuffer();
                                }
                            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
                        }));
            }
        };
    }

    static Action.Independent<Model> reconfigure() {
        return () -> Arbitraries.integers().between(0, CONFIGS.size() - 1)
                .map(i -> Transformer.mutate("reconfigure to #" + i, m -> {
                    m.pools.reconfigure(CONFIGS.get(i));
                    m.config = CONFIGS.get(i);
                }));
    }

    static Action.Independent<Model> trim() {
        return () -> Arbitraries.just(Transformer.mutate("trim", m -> m.pools.trim()));
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        return ActionChain.startWith(Model::new)
                .withAction(6, allocate())
                .withAction(3, write())
                .withAction(2, readBack())
                .withAction(4, close())
                .withAction(2, useStale())
                .withAction(1, reconfigure())
                .withAction(1, trim())
                .withMaxTransformations(200);
    }

    @Property(tries = 120)
    void thePoolBehavesLikeTheModel(@ForAll("chains") ActionChain<Model> chain) {
        Model end = chain.withInvariant("statistics, state and reserve equal the model's", Model::check).run();
        for (Open o : List.copyOf(end.open)) {
            end.close(o, false);
        }
        end.check();
        end.pools.trim(); // this thread's cached free blocks go back; ended closer threads' at the next snapshot
        PoolStats total = end.pools.totalStats();
        assertThat(total.liveBlocks()).as("no leak").isZero();
        assertThat(total.liveBytes()).isZero();
        for (PoolType type : TYPES) {
            assertThat(end.pools.ledger().held(type.ordinal())).as("bytes held by %s", type).isZero();
        }
        assertThat(end.pools.reserve().used()).isZero();
        end.pools.close();
        assertThat(end.pools.state()).isEqualTo(MemoryState.SHUTDOWN);
    }
}
