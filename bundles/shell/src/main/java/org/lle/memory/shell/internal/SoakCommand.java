package org.lle.memory.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.lle.memory.internal.proc.ProcStatus;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.secure.SecureMemoryBroker;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code lle:soak}: mixed load in the running host for a set time (pool blocks of every type, brokered secure
 * buffers of every size class), with a provider change of a different kind every few seconds. Samples the
 * process (RSS, VmLck, number of mappings) and the services over time into a CSV file, and fails when a
 * buffer was lost or corrupted, when an operation threw unexpectedly, or when memory did not come back.
 */
final class SoakCommand {
    static final String CSV_HEADER = "seconds,rss_kib,vmlck_kib,mappings,pool_live_blocks,secure_live_buffers,"
            + "idle_locked_kib,swaps,ops,refused,lost,corrupted,errors";

    /** How long, how often, how hard. */
    record Plan(Duration duration, Duration sampleEvery, Duration swapEvery, Path csv) {
        Plan {
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("--seconds must be in 1..86400, got " + duration.toSeconds());
            }
        }
    }

    private final BundleContext context;
    private final SecureMemoryBroker broker;
    private final MemoryPoolSystem pools;
    private final ConfigurationAdmin configAdmin;

    SoakCommand(BundleContext context, SecureMemoryBroker broker, MemoryPoolSystem pools,
            ConfigurationAdmin configAdmin) {
        this.context = context;
        this.broker = broker;
        this.pools = pools;
        this.configAdmin = configAdmin;
    }

    void run(Plan plan, PrintStream out) throws Exception {
        if (broker == null || !broker.isAvailable() || pools == null) {
            throw new IllegalStateException("lle:soak needs the SecureMemoryBroker with a provider and the "
                    + "MemoryPoolSystem (are the lle-memory bundles active?)");
        }
        SoakLoad.Counters counters = new SoakLoad.Counters();
        SoakSwaps swaps = new SoakSwaps(context, configAdmin);
        // each sample is appended as it is taken, so a soak that dies still leaves its record
        append(plan.csv(), CSV_HEADER, false);
        long vmLckBefore = ProcStatus.vmLckBytes().orElse(0);
        out.println("soak: " + plan.duration().toSeconds() + " s of mixed load (2 pool threads, 2 secure-buffer "
                + "threads), a provider change every " + plan.swapEvery().toMillis() + " ms; samples every "
                + plan.sampleEvery().toSeconds() + " s to " + plan.csv());
        List<SoakLoad.LoadThread> load = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            boolean pool = seed <= 2;
            SoakLoad.LoadThread thread = new SoakLoad.LoadThread(pool ? "pool worker" : "secure worker",
                    pool ? new SoakLoad.PoolWorker(pools, counters, seed) : new SoakLoad.SecureWorker(broker, counters, seed),
                    counters);
            load.add(thread);
            threads.add(new Thread(thread, pool ? "lle-soak-pool" : "lle-soak-secure"));
        }
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        String swapFailure = null;
        threads.forEach(Thread::start);
        try {
            long nextSample = start;
            long nextSwap = start + plan.swapEvery().toNanos();
            while (System.nanoTime() < end && counters.problems() == 0 && swapFailure == null) {
                long now = System.nanoTime();
                if (now >= nextSample) {
                    append(plan.csv(), sample(now - start, swaps.total(), counters), true);
                    nextSample += plan.sampleEvery().toNanos();
                }
                if (now >= nextSwap) {
                    try {
                        swaps.runNext();
                    } catch (Exception e) {
                        swapFailure = "provider change " + (swaps.total() + 1) + " failed: " + e;
                    }
                    nextSwap = System.nanoTime() + plan.swapEvery().toNanos();
                }
                Thread.sleep(Math.max(1, Math.min(nextSample, nextSwap) - System.nanoTime()) / 1_000_000 + 1);
            }
        } finally {
            load.forEach(SoakLoad.LoadThread::stop);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            load.forEach(SoakLoad.LoadThread::drain);
            swaps.restore();
        }
        append(plan.csv(), sample(System.nanoTime() - start, swaps.total(), counters), true);
        long vmLckAfter = ProcStatus.vmLckBytes().orElse(0);
        long idleAfter = broker.info().idleLockedBytes();
        out.println("  operations: " + counters.ops.get() + " (refused under pressure: " + counters.refused.get() + ")");
        out.println("  provider changes: " + swaps.total() + " " + swaps.done() + "; broker swaps " + broker.swapCount()
                + ", moved " + broker.movedBuffers() + ", into degraded " + broker.movesIntoDegraded()
                + ", out of degraded " + broker.movesOutOfDegraded() + ", lost " + broker.lostBuffers());
        out.println("  lost: " + counters.lost.get() + ", corrupted: " + counters.corrupted.get() + ", errors: "
                + counters.errors.get() + (counters.firstProblem.get() == null ? "" : "; first: "
                + counters.firstProblem.get()));
        out.println("  live after: " + broker.liveBuffers() + " secure buffers, " + pools.totalStats().liveBlocks()
                + " pool blocks; VmLck before " + Units.bytes(vmLckBefore) + ", after " + Units.bytes(vmLckAfter)
                + " (of which idle in the provider " + Units.bytes(idleAfter) + ")");
        List<String> failures = new ArrayList<>();
        if (swapFailure != null) {
            failures.add(swapFailure);
        }
        if (counters.problems() > 0) {
            failures.add(counters.problems() + " problems; first: " + counters.firstProblem.get());
        }
        if (broker.liveBuffers() != 0 || pools.totalStats().liveBlocks() != 0) {
            failures.add("buffers or blocks still live after every worker closed its own");
        }
        if (vmLckAfter - idleAfter > vmLckBefore) {
            failures.add("VmLck " + Units.bytes(vmLckAfter) + " minus idle " + Units.bytes(idleAfter)
                    + " is above the " + Units.bytes(vmLckBefore) + " before the soak");
        }
        out.println("RESULT: " + (failures.isEmpty() ? "OK" : "FAILED: " + String.join("; ", failures)));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("soak failed: " + String.join("; ", failures));
        }
    }

    private String sample(long elapsedNanos, int swapCount, SoakLoad.Counters c) {
        return String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", elapsedNanos / 1e9,
                ProcStatus.vmRssBytes().orElse(0) / 1024, ProcStatus.vmLckBytes().orElse(0) / 1024,
                ProcStatus.mappingCount(), pools.totalStats().liveBlocks(), broker.liveBuffers(),
                broker.info().idleLockedBytes() / 1024, swapCount, c.ops.get(), c.refused.get(), c.lost.get(),
                c.corrupted.get(), c.errors.get());
    }

    private static void append(Path csv, String row, boolean append) {
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(csv, row + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }
}
