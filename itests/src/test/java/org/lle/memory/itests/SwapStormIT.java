package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryProperties;
import org.lle.memory.testsupport.KernelStatus;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.BundleContext;

/**
 * Swap storm (issue 9, part B): the POSIX provider is taken away and brought back again and again, by every
 * means a host or an operator has (bundle stop/start, update, refresh, a valid configuration change, an
 * invalid one, disable by configuration), while 4 threads keep writing and checking brokered buffers of every
 * size up to the broker's {@code maxAllocationSize()} (read at run time) and allocating fresh ones. Checked:
 * no buffer lost (closed under its owner, or counted by the broker), none torn, every fresh buffer zero, and
 * locked memory (VmLck) back to its baseline once everything is closed.
 *
 * <p>Operations run round-robin until {@code lle.storm.swaps} provider changes (default {@value #CI_SWAPS},
 * sized for CI); a long run passes a larger number (failsafe hands command-line properties to the test JVM):
 * {@code mvn -B verify -pl itests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SwapStormIT
 * -Dlle.storm.swaps=1000}. Swaps are attributed to the operation during which the broker counted them; a
 * configuration change reaches the provider asynchronously, so a few land in the next operation's count.
 * An invalid change is always followed by a valid one, so whether the provider refuses it (keeping running) or
 * fails on it (going away until the valid one), the storm waits for something it can see.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapStormIT {
    static final int CI_SWAPS = 200;
    private static final int THREADS = 4;
    /** Above this, only the largest size itself: every buffer moves on every swap. */
    private static final int LARGE = 256 * 1024;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.fullRuntime(), LleRuntime.testSupport(),
                systemProperty("lle.storm.swaps").value(System.getProperty("lle.storm.swaps", "" + CI_SWAPS)));
    }

    private interface Step {
        void run() throws Exception;
    }

    @Test
    public void everyKindOfSwapLosesTearsAndLeavesNothing() throws Exception {
        int target = Integer.getInteger("lle.storm.swaps", CI_SWAPS);
        SecureMemoryBroker broker = Osgi.await(context, SecureMemoryBroker.class, null);
        Bundle posix = Providers.posix(context);
        awaitBrokerOn(broker, "posix");
        int max = broker.maxAllocationSize();
        int[] sizes = sizesUpTo(max);
        int[] fresh = java.util.Arrays.stream(sizes).filter(s -> s <= 64 * 1024).toArray();

        posix.stop();
        awaitBrokerOn(broker, "noop");
        long baseline = KernelStatus.vmLckBytes();
        posix.start();
        awaitBrokerOn(broker, "posix");

        AtomicBoolean running = new AtomicBoolean(true);
        List<StormWorker> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            int[] own = java.util.stream.IntStream.range(0, sizes.length).filter(i -> i % THREADS == thread)
                    .map(i -> sizes[i]).toArray();
            workers.add(new StormWorker(broker, own, fresh, 1000 + t, running));
        }
        int liveBefore = broker.liveBuffers();
        assertTrue("control: VmLck rises above the baseline with the buffers in POSIX memory",
                KernelStatus.vmLckBytes() > baseline);
        List<Thread> threads = new ArrayList<>();
        for (StormWorker worker : workers) {
            Thread thread = new Thread(worker, "storm-" + threads.size());
            thread.start();
            threads.add(thread);
        }

        Map<String, Integer> swapsByKind = new LinkedHashMap<>();
        Map<String, Integer> operationsByKind = new LinkedHashMap<>();
        boolean[] strict = {false};
        Map<String, Step> operations = new LinkedHashMap<>();
        operations.put("stop/start", () -> {
            posix.stop();
            awaitBrokerOn(broker, "noop");
            posix.start();
            awaitBrokerOn(broker, "posix");
        });
        operations.put("update+refresh", () -> {
            long before = broker.swapCount();
            posix.update();
            Osgi.refresh(context, posix);
            Osgi.waitUntil("update and refresh changed the provider 4 times", () -> broker.swapCount() >= before + 4);
            awaitBrokerOn(broker, "posix");
        });
        operations.put("valid config", () -> {
            strict[0] = !strict[0];
            configurePosix(Map.of("strict", strict[0]));
            awaitPosixStrict(broker, strict[0]);
        });
        operations.put("invalid config", () -> {
            configurePosix(Map.of("strict", strict[0], "chunkSize", 4096));
            strict[0] = !strict[0];
            configurePosix(Map.of("strict", strict[0]));
            awaitPosixStrict(broker, strict[0]);
        });
        operations.put("disable", () -> {
            configurePosix(Map.of("strict", strict[0], "disabled", true));
            awaitBrokerOn(broker, "noop");
            configurePosix(Map.of("strict", strict[0], "disabled", false));
            awaitBrokerOn(broker, "posix");
        });

        long swapsBefore = broker.swapCount();
        long started = System.nanoTime();
        try {
            while (broker.swapCount() - swapsBefore < target) {
                for (Map.Entry<String, Step> op : operations.entrySet()) {
                    long before = broker.swapCount();
                    op.getValue().run();
                    swapsByKind.merge(op.getKey(), (int) (broker.swapCount() - before), Integer::sum);
                    operationsByKind.merge(op.getKey(), 1, Integer::sum);
                    assertNoProblem(workers);
                }
            }
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Osgi.TIMEOUT_MS);
            }
        }
        long wallNanos = System.nanoTime() - started;
        assertNoProblem(workers);
        for (StormWorker worker : workers) {
            assertTrue("a worker made no progress", worker.rounds() > 0);
            worker.verifyAll();
        }
        assertNoProblem(workers);
        assertEquals("lost buffers counted by the broker", 0, broker.lostBuffers());
        assertEquals("live buffers", liveBefore, broker.liveBuffers());
        awaitBrokerOn(broker, "posix");

        long rounds = workers.stream().mapToLong(StormWorker::rounds).sum();
        long freshChecked = workers.stream().mapToLong(StormWorker::freshChecked).sum();
        String summary = String.format(Locale.ROOT, "swaps=%d in %.1f s (max buffer %d B, %d buffers of sizes %s); "
                + "swaps by kind %s, operations by kind %s; %d threads did %d verified rounds and %d zero-checked "
                + "fresh allocations; lost=0 torn=0 unwiped=0; broker moved %d buffers (%d into degraded memory, %d "
                + "out of it)", broker.swapCount() - swapsBefore, wallNanos / 1e9, max, sizes.length,
                new TreeSet<>(java.util.Arrays.stream(sizes).boxed().toList()), swapsByKind, operationsByKind,
                THREADS, rounds, freshChecked, broker.movedBuffers(), broker.movesIntoDegraded(),
                broker.movesOutOfDegraded());

        workers.forEach(StormWorker::closeAll);
        configureDefaults();
        awaitPosixStrict(broker, false);
        posix.stop();
        awaitBrokerOn(broker, "noop");
        assertEquals("VmLck after every buffer closed and POSIX stopped", baseline, KernelStatus.vmLckBytes());
        posix.start();
        awaitBrokerOn(broker, "posix");
        System.out.println("[lle swap storm] " + summary);
        writeReport(summary);
    }

    /**
     * Sizes 1..max with every power-of-two boundary (2^k - 1, 2^k, 2^k + 1) up to {@value #LARGE}, and max
     * itself (one above max is the model test's job: here every buffer must live through the storm).
     */
    static int[] sizesUpTo(int max) {
        TreeSet<Integer> sizes = new TreeSet<>(List.of(1, 2, 3));
        for (long p = 4; p <= max; p <<= 1) {
            for (long s = p - 1; s <= p + 1; s++) {
                if (s <= max && (s <= LARGE)) {
                    sizes.add((int) s);
                }
            }
        }
        if (max - 1 <= LARGE) {
            sizes.add(max - 1);
        }
        sizes.add(max); // once: above LARGE every buffer costs a copy of its size on every swap
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private void configurePosix(Map<String, Object> values) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>(values);
        Providers.configAdmin(context).getConfiguration(Providers.POSIX_PID, "?").update(props);
    }

    private void configureDefaults() throws Exception {
        Providers.deletePosixConfiguration(context);
    }

    /** Waits until the registered POSIX provider runs with {@code strict} and the broker serves from it. */
    private void awaitPosixStrict(SecureMemoryBroker broker, boolean strict) {
        Osgi.waitUntil("the POSIX provider runs with strict=" + strict + " and the broker serves from it", () -> {
            for (ServiceReference<SecureMemory> ref : Osgi.references(context, SecureMemory.class,
                    "(" + SecureMemoryProperties.PROVIDER + "=posix)")) {
                if (Boolean.valueOf(strict).equals(ref.getProperty("lle.secure.posix.strict"))) {
                    return broker.isAvailable() && "posix".equals(broker.info().provider());
                }
            }
            return false;
        });
    }

    private static void awaitBrokerOn(SecureMemoryBroker broker, String provider) {
        Osgi.waitUntil("the broker serves from " + provider,
                () -> broker.isAvailable() && provider.equals(broker.info().provider()));
    }

    private static void assertNoProblem(List<StormWorker> workers) {
        for (StormWorker w : workers) {
            if (w.firstProblem() != null) {
                throw new AssertionError("lost=" + w.lost() + " torn=" + w.torn() + " unwiped=" + w.unwiped()
                        + " errors=" + w.errors() + "; first: " + w.firstProblem());
            }
        }
    }

    private static void writeReport(String summary) throws IOException {
        String dir = System.getProperty("lle.itest.reports");
        if (dir != null) {
            Path file = Path.of(dir, "swap-storm.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary + System.lineSeparator());
        }
    }
}
