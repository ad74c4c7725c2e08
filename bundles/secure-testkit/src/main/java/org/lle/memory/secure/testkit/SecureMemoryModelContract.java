package org.lle.memory.secure.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;

/**
 * Model-based tests of a provider: every operation of the API (allocate with every size boundary up to
 * {@code maxAllocationSize()}, write/read through arrays and ByteBuffers, put/get, clear, contentEquals, close,
 * double close, use after close, out-of-bounds calls, region enable/secureClear/disable) checked against a
 * model (handle to expected bytes) by {@link ModelDriver}.
 *
 * <ul>
 * <li>{@link #actionChainsAgreeWithTheModel}: jqwik stateful chains, shrunk to a minimal failing sequence.</li>
 * <li>{@link #fourThreadsAgreeWithTheModel}: 4 threads, {@value #DEFAULT_OPERATIONS} operations in all by
 *     default, sized for the CI budget (system property {@value #OPERATIONS_PROPERTY} for longer runs, e.g.
 *     1,000,000), buffers handed to other threads to close,
 *     stale handles used from every thread; afterwards the provider is closed and the locked bytes of the
 *     process must be back at their baseline.</li>
 * </ul>
 */
public abstract class SecureMemoryModelContract {
    public static final String OPERATIONS_PROPERTY = "lle.model.operations";
    public static final long DEFAULT_OPERATIONS = 300_000;
    private static final int THREADS = 4;

    /** @return a fresh provider for one run (closed by {@link #closeMemory}) */
    protected abstract SecureMemory newMemory();

    /** Closes a provider made by {@link #newMemory()} (the POSIX one unmaps and unlocks everything). */
    protected abstract void closeMemory(SecureMemory memory);

    /** @return whether enableSecureMode returns SUCCESS (true) or FEATURE_NOT_AVAILABLE (false) */
    protected abstract boolean regionsLock();

    /** @return bytes the process has locked now (VmLck for a locking provider; 0 otherwise) */
    protected long lockedBytesOfProcess() {
        return 0;
    }

    @Property(tries = 25)
    void actionChainsAgreeWithTheModel(@ForAll("chains") ActionChain<ModelDriver> chain) {
        SecureMemory memory = newMemory();
        long baseline = lockedBytesOfProcess();
        try {
            ActionChain<ModelDriver> running = chain.withInvariant("nothing else", driver -> { });
            ModelDriver last = null;
            try {
                last = runChain(running, memory);
            } finally {
                if (last != null) {
                    last.closeAll();
                }
            }
        } finally {
            closeMemory(memory);
        }
        assertThat(lockedBytesOfProcess()).as("locked bytes back at the baseline").isLessThanOrEqualTo(baseline);
    }

    private static final ThreadLocal<SecureMemory> CHAIN_MEMORY = new ThreadLocal<>();

    private ModelDriver runChain(ActionChain<ModelDriver> chain, SecureMemory memory) {
        CHAIN_MEMORY.set(memory);
        try {
            return chain.run();
        } finally {
            CHAIN_MEMORY.remove();
        }
    }

    @Provide
    Arbitrary<ActionChain<ModelDriver>> chains() {
        boolean locks = regionsLock();
        return ActionChain.<ModelDriver>startWith(() -> new ModelDriver(CHAIN_MEMORY.get(), locks))
                .withAction(3, new Step("allocate", (d, r) -> d.allocate(d.edgeOrSmall(r))))
                .withAction(2, new Step("write", (d, r) -> d.write(r, false)))
                .withAction(2, new Step("write(ByteBuffer)", (d, r) -> d.write(r, true)))
                .withAction(2, new Step("read", (d, r) -> d.read(r, false)))
                .withAction(2, new Step("read(ByteBuffer)", (d, r) -> d.read(r, true)))
                .withAction(2, new Step("put/get", ModelDriver::putGet))
                .withAction(1, new Step("clear", ModelDriver::clear))
                .withAction(1, new Step("contentEquals", ModelDriver::contentEquals))
                .withAction(2, new Step("close", (d, r) -> {
                    if (d.liveCount() > 0) {
                        d.close(r, null);
                    }
                }))
                .withAction(2, new Step("use after close", (d, r) -> d.useStale(r, null)))
                .withAction(1, new Step("out of bounds", ModelDriver::outOfBounds))
                .withAction(1, new Step("region", ModelDriver::region))
                .withMaxTransformations(40);
    }

    /** One kind of operation; its parameters come from a generated seed, so a failing chain shrinks. */
    private record Step(String name, Operation operation) implements Action.Independent<ModelDriver> {
        @Override
        public Arbitrary<Transformer<ModelDriver>> transformer() {
            return Arbitraries.longs().map(seed -> Transformer.mutate(name + " #" + seed,
                    driver -> operation.run(driver, new SplittableRandom(seed))));
        }
    }

    @FunctionalInterface
    private interface Operation {
        void run(ModelDriver driver, SplittableRandom random);
    }

    @Test
    void fourThreadsAgreeWithTheModel() throws Exception {
        long total = Long.getLong(OPERATIONS_PROPERTY, DEFAULT_OPERATIONS);
        long baseline = lockedBytesOfProcess();
        SecureMemory memory = newMemory();
        Queue<ModelDriver.Handle> handOff = new ConcurrentLinkedQueue<>();
        Queue<SecureBuffer> stale = new ConcurrentLinkedQueue<>();
        List<ModelDriver> drivers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            ModelDriver driver = new ModelDriver(memory, regionsLock());
            drivers.add(driver);
            long seed = 0x5EC0DE + t;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    while (driver.operations() < total / THREADS && failures.isEmpty()) {
                        driver.step(random, handOff, stale);
                        if (stale.size() > 256) {
                            stale.poll();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(new AssertionError("thread with seed " + seed + " after " + driver.operations()
                            + " operations", e));
                }
            }, "model-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(10));
            assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
        }
        long elapsed = System.nanoTime() - started;
        if (failures.isEmpty()) {
            for (ModelDriver driver : drivers) {
                driver.closeAll();
            }
            ModelDriver collector = drivers.get(0);
            while (!handOff.isEmpty()) {
                collector.closeHandedOff(handOff, null);
            }
        }
        closeMemory(memory);
        long operations = drivers.stream().mapToLong(ModelDriver::operations).sum();
        System.out.printf("model run %s: %,d operations in %d threads, %.2f s, %,.0f ops/s%n", getClass().getSimpleName(),
                operations, THREADS, elapsed / 1e9, operations / (elapsed / 1e9));
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " thread(s) disagreed with the model");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        assertThat(operations).isGreaterThanOrEqualTo(total - THREADS);
        assertThat(lockedBytesOfProcess()).as("locked bytes back at the baseline").isLessThanOrEqualTo(baseline);
    }
}
