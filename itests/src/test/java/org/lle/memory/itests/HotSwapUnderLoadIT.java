package org.lle.memory.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lle.memory.example.SecretStore;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.testsupport.KernelStatus;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Hot swap under load: threads keep writing and checking patterns in broker buffers while the POSIX bundle
 * is stopped and started, updated, refreshed and disabled/enabled by configuration, again and again.
 * The no-op provider stays installed, so there is always a provider and no exception is acceptable.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapUnderLoadIT {
    private static final int THREADS = 4;
    private static final int[] SIZES = {1, 32, 64, 500, 4096, 20_000};
    private static final int ROUNDS = 8;
    private static final int QUIET_SWAPS = 5;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(LleRuntime.fullRuntime(), LleRuntime.testSupport());
    }

    /** One way of taking POSIX away and bringing it back; {@code swaps} is the provider changes it causes. */
    private record SwapOperation(String name, int swaps, Step step) {
    }

    private interface Step {
        void run(Bundle posix, SecureMemoryBroker broker) throws Exception;
    }

    @Test
    public void buffersSurviveEverySwapUnderLoadAndLockedBytesReturnToBaseline() throws Exception {
        SecureMemoryBroker broker = Osgi.await(context, SecureMemoryBroker.class, null);
        Bundle posix = Providers.posix(context);
        Providers.awaitBest(context, "posix");
        awaitBrokerProvider(broker, "posix");

        // baseline: POSIX gone (so none of its memory can be locked), then back for the run
        posix.stop();
        awaitBrokerProvider(broker, "noop");
        long baseline = KernelStatus.vmLckBytes();
        posix.start();
        awaitBrokerProvider(broker, "posix");

        SecretStore store = Osgi.await(context, SecretStore.class, "(" + SecretStore.VARIANT + "=brokered)");
        store.put("master", "correct horse battery staple".toCharArray());

        AtomicBoolean running = new AtomicBoolean(true);
        List<BufferWorker> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(new BufferWorker(broker, SIZES, 42 + t, running));
        }
        long lockedWithBuffers = KernelStatus.vmLckBytes();
        // control: the kernel sees the secure buffers locked, so the final baseline check can fail
        assertTrue("VmLck " + lockedWithBuffers + " did not rise above the baseline " + baseline
                + " with " + broker.liveBuffers() + " POSIX buffers open", lockedWithBuffers > baseline);
        assertAllLocked(workers, true);

        // the same swaps without load first: what a swap costs when the machine is quiet
        SwapLog quiet = new SwapLog();
        for (int i = 0; i < QUIET_SWAPS; i++) {
            for (SwapOperation op : operations().subList(0, 2)) {
                runTimed(op, posix, broker, quiet);
            }
        }
        assertAllLocked(workers, true);

        List<Thread> threads = new ArrayList<>();
        for (BufferWorker w : workers) {
            Thread thread = new Thread(w, "swap-load-" + threads.size());
            thread.start();
            threads.add(thread);
        }
        SwapLog log = new SwapLog();
        long swapsBefore = broker.swapCount();
        long[] opsBefore = workers.stream().mapToLong(BufferWorker::operations).toArray();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (SwapOperation op : operations()) {
                    runTimed(op, posix, broker, log);
                    assertNoFailure(workers);
                }
                assertEquals("posix", broker.info().provider());
            }
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Osgi.TIMEOUT_MS);
            }
        }
        assertNoFailure(workers);
        for (int i = 0; i < workers.size(); i++) {
            assertTrue("worker " + i + " made no progress while the provider was swapped",
                    workers.get(i).operations() > opsBefore[i]);
            workers.get(i).verifyAll();
        }
        assertEquals(log.swaps(), broker.swapCount() - swapsBefore);
        assertAllLocked(workers, true); // every buffer moved back into locked POSIX memory
        assertTrue(store.matches("master", "correct horse battery staple".toCharArray()));

        long operations = workers.stream().mapToLong(BufferWorker::operations).sum();
        long maxStall = workers.stream().mapToLong(BufferWorker::maxRoundNanos).max().orElse(0);
        String summary = "under load: " + log.summary(operations, THREADS) + String.format(Locale.ROOT,
                "%n  longest worker round (write+read+verify of its buffers, spanning any swap): %.2f ms",
                maxStall / 1e6) + String.format(Locale.ROOT, "%nwithout load (same buffers, no worker running): %s",
                quiet.summary(0, 0));
        System.out.println("[lle hot swap under load] " + summary);
        writeReport(summary);

        workers.forEach(BufferWorker::closeAll);
        assertTrue(store.remove("master"));
        posix.stop();
        awaitBrokerProvider(broker, "noop");
        assertEquals("VmLck after all buffers closed and POSIX stopped", baseline, KernelStatus.vmLckBytes());
        posix.start();
        awaitBrokerProvider(broker, "posix");
    }

    @Test
    public void whenTheLastProviderGoesBuffersAreClosedAndUseThrows() throws Exception {
        SecureMemoryBroker broker = Osgi.await(context, SecureMemoryBroker.class, null);
        Bundle posix = Providers.posix(context);
        Bundle noop = Osgi.bundle(context, Providers.NOOP_BUNDLE);
        awaitBrokerProvider(broker, "posix");
        SecureBuffer buffer = broker.allocate(48);
        buffer.write(0, "not for long".getBytes(StandardCharsets.US_ASCII), 0, 12);
        SecretStore store = Osgi.await(context, SecretStore.class, "(" + SecretStore.VARIANT + "=brokered)");
        store.put("doomed", "pa55".toCharArray());
        try {
            noop.stop();
            assertTrue("POSIX alone still serves", broker.isAvailable());
            assertEquals('n', (char) buffer.get(0));
            posix.stop();

            assertFalse(broker.isAvailable());
            assertTrue("the broker closed the buffer with the last provider", buffer.isClosed());
            assertThrows(IllegalStateException.class, () -> buffer.get(0));
            assertThrows(IllegalStateException.class, () -> buffer.write(0, new byte[1], 0, 1));
            char[] candidate = "pa55".toCharArray();
            assertThrows(IllegalStateException.class, () -> store.matches("doomed", candidate));
            assertEquals("the candidate is wiped although the broker has no provider to wipe with",
                    new String(new char[4]), new String(candidate));
            try {
                broker.allocate(16).close();
                fail("allocate without any provider must throw");
            } catch (SecureMemoryException expected) { // the documented exception, and only that one
                assertEquals(SecureResult.FEATURE_NOT_AVAILABLE, expected.result());
                assertTrue(expected.getMessage(), expected.getMessage().contains("no secure-memory provider"));
            }
        } finally {
            noop.start();
            posix.start();
        }
        awaitBrokerProvider(broker, "posix");
        assertTrue(broker.isAvailable());
        try (SecureBuffer again = broker.allocate(16)) {
            assertTrue(again.isLocked());
        }
        store.remove("doomed");
    }

    /** Runs one operation and records how long until the broker counted its provider changes. */
    private static void runTimed(SwapOperation op, Bundle posix, SecureMemoryBroker broker, SwapLog log)
            throws Exception {
        int live = broker.liveBuffers();
        long target = broker.swapCount() + op.swaps();
        long start = System.nanoTime();
        op.step().run(posix, broker);
        Osgi.waitUntil(op.name() + " changed the provider " + op.swaps() + " times",
                () -> broker.swapCount() >= target);
        log.record(op.name(), System.nanoTime() - start, op.swaps(), live);
        assertEquals("swaps counted by " + op.name(), target, broker.swapCount());
    }

    private static void awaitBrokerProvider(SecureMemoryBroker broker, String provider) {
        Osgi.waitUntil("the broker serves from " + provider,
                () -> broker.isAvailable() && provider.equals(broker.info().provider()));
    }

    private static void assertAllLocked(List<BufferWorker> workers, boolean locked) {
        for (BufferWorker w : workers) {
            for (SecureBuffer b : w.buffers()) {
                assertEquals("buffer of " + b.size() + " B locked", locked, b.isLocked());
            }
        }
    }

    private static void assertNoFailure(List<BufferWorker> workers) {
        for (BufferWorker w : workers) {
            if (w.failure() != null) {
                throw new AssertionError("a worker failed during the swaps", w.failure());
            }
        }
    }

    /** Each kind of provider change; stop/start and the configuration toggle are timed one change at a time. */
    private List<SwapOperation> operations() {
        return List.of(
                new SwapOperation("bundle stop", 1, (posix, broker) -> posix.stop()),
                new SwapOperation("bundle start", 1, (posix, broker) -> posix.start()),
                new SwapOperation("bundle update", 2, (posix, broker) -> posix.update()),
                new SwapOperation("refresh", 2, (posix, broker) -> Osgi.refresh(context, posix)),
                new SwapOperation("config disable", 1, (posix, broker) -> Providers.configurePosixDisabled(context, true)),
                new SwapOperation("config delete", 1, (posix, broker) -> Providers.deletePosixConfiguration(context)));
    }

    private static void writeReport(String summary) throws IOException {
        String dir = System.getProperty("lle.itest.reports");
        if (dir != null) {
            Path file = Path.of(dir, "hot-swap-under-load.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary + System.lineSeparator());
        }
    }
}
