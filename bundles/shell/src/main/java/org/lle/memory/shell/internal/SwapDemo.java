package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.secure.SecureMemoryBroker;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * {@code lle:swap}: worker threads keep writing and checking secure buffers from the broker while the
 * bundle of the selected provider is stopped (the broker moves every buffer to the next provider) and
 * started again (they move back). Fails loudly if any buffer was lost or corrupted.
 */
final class SwapDemo {
    static final int BUFFER_SIZE = 64;
    private static final long PAUSE_MS = 40;
    private static final long PROVIDER_WAIT_MS = 10_000;

    /** How hard to push: stop/start cycles, threads, buffers per thread. */
    record Load(int swaps, int threads, int buffersPerThread) {
        Load {
            check("--count", swaps, 1, 1000);
            check("--threads", threads, 1, 64);
            check("--buffers", buffersPerThread, 1, 4096);
        }

        private static void check(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
            }
        }
    }

    private final RegisteredProviders providers;
    private final SecureMemoryBroker broker;
    private final Load load;

    SwapDemo(RegisteredProviders providers, SecureMemoryBroker broker, Load load) {
        this.providers = providers;
        this.broker = broker;
        this.load = load;
    }

    void run(PrintStream out) {
        SecureMemoryBroker b = broker;
        if (b == null || !b.isAvailable()) {
            throw new IllegalStateException("no SecureMemoryBroker with a provider is registered (is lle-memory-secure-broker active?)");
        }
        RegisteredProviders.Provider top = providers.selected()
                .orElseThrow(() -> new IllegalStateException("no SecureMemory provider is registered"));
        Bundle target = top.bundle();
        if (providers.all().stream().noneMatch(p -> p.bundle() != target)) {
            out.println("lle:swap skipped: " + top.name() + " is the only provider, so stopping it would close every"
                    + " buffer rather than move them (a swap needs a second provider to fall back to)");
            return;
        }
        out.println("swap demo: " + load.threads() + " threads x " + load.buffersPerThread() + " buffers of "
                + BUFFER_SIZE + " B through the broker; stopping and starting " + top.describe() + " "
                + load.swaps() + " times");
        SwapSummary summary = measure(b, top, target);
        summary.print(out);
        if (!summary.ok(load.swaps())) {
            throw new IllegalStateException("swap demo failed: " + summary.verdict(load.swaps()));
        }
    }

    private SwapSummary measure(SecureMemoryBroker b, RegisteredProviders.Provider top, Bundle target) {
        SwapSummary s = new SwapSummary(top.name());
        s.vmLckBefore = ProcStatus.vmLckBytes().orElse(0);
        s.swapCountBefore = b.swapCount();
        SwapWorker.Counters counters = new SwapWorker.Counters();
        List<SwapWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int t = 0; t < load.threads(); t++) {
                SwapWorker w = new SwapWorker(t, b, load.buffersPerThread(), BUFFER_SIZE, counters);
                workers.add(w);
                Thread thread = new Thread(w, "lle-swap-worker-" + t);
                threads.add(thread);
                thread.start();
            }
            long start = System.nanoTime();
            for (int i = 0; i < load.swaps() && s.failure == null; i++) {
                cycle(b, top, target, s);
            }
            s.elapsedNanos = System.nanoTime() - start;
        } finally {
            workers.forEach(SwapWorker::stop);
            joinAll(threads);
            workers.forEach(SwapWorker::verifyAndClose);
            ensureStarted(target, s);
        }
        s.swapCountAfter = b.swapCount();
        s.liveAfter = b.liveBuffers();
        s.vmLckAfter = ProcStatus.vmLckBytes().orElse(0);
        s.providerLockedAfter = providers.selected().map(p -> p.memory().info().lockedBytes()).orElse(0L);
        s.counters = counters;
        return s;
    }

    /** One stop and start of the provider's bundle, each timed until the selection has changed. */
    private void cycle(SecureMemoryBroker b, RegisteredProviders.Provider top, Bundle target, SwapSummary s) {
        try {
            sleep(PAUSE_MS);
            s.buffersMoved += b.liveBuffers();
            long t0 = System.nanoTime();
            target.stop();
            s.stopNanos.add(System.nanoTime() - t0);
            sleep(PAUSE_MS);
            s.buffersMoved += b.liveBuffers();
            long t1 = System.nanoTime();
            target.start();
            if (!awaitSelected(top.name())) {
                s.failure = top.name() + " did not register again within " + PROVIDER_WAIT_MS + " ms of its bundle start";
                return;
            }
            s.startNanos.add(System.nanoTime() - t1);
        } catch (BundleException | IllegalStateException e) {
            s.failure = "stopping/starting " + target.getSymbolicName() + " failed: " + e.getMessage();
        }
    }

    private boolean awaitSelected(String name) {
        long deadline = System.nanoTime() + PROVIDER_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (providers.selected().map(p -> p.name().equals(name)).orElse(false)) {
                return true;
            }
            sleep(1);
        }
        return false;
    }

    /** Whatever happened, leave the provider's bundle running as it was found. */
    private static void ensureStarted(Bundle target, SwapSummary s) {
        if (target.getState() != Bundle.ACTIVE) {
            try {
                target.start();
            } catch (BundleException e) {
                s.failure = (s.failure == null ? "" : s.failure + "; ") + "could not restart " + target.getSymbolicName()
                        + ": " + e.getMessage();
            }
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(PROVIDER_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
