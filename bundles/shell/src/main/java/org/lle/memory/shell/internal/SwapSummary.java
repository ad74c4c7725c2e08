package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What one {@code lle:swap} run measured, and whether it passed. */
final class SwapSummary {
    final String provider;
    final List<Long> stopNanos = new ArrayList<>();
    final List<Long> startNanos = new ArrayList<>();
    long buffersMoved;
    long swapCountBefore;
    long swapCountAfter;
    long vmLckBefore;
    long vmLckAfter;
    long liveAfter;
    long providerLockedAfter;
    long elapsedNanos;
    String failure;
    SwapWorker.Counters counters;

    SwapSummary(String provider) {
        this.provider = provider;
    }

    long providerChanges() {
        return swapCountAfter - swapCountBefore;
    }

    boolean ok(int cycles) {
        return failure == null && counters.lost.get() == 0 && counters.corrupted.get() == 0
                && counters.errors.get() == 0 && providerChanges() >= 2L * cycles;
    }

    String verdict(int cycles) {
        if (ok(cycles)) {
            return "OK";
        }
        List<String> why = new ArrayList<>();
        if (failure != null) {
            why.add(failure);
        }
        if (counters.lost.get() + counters.corrupted.get() + counters.errors.get() > 0) {
            why.add(counters.lost.get() + " lost, " + counters.corrupted.get() + " corrupted, " + counters.errors.get()
                    + " errors; first: " + counters.firstProblem.get());
        }
        if (providerChanges() < 2L * cycles) {
            why.add("the broker saw " + providerChanges() + " provider changes, expected " + 2L * cycles);
        }
        return String.join("; ", why);
    }

    void print(PrintStream out) {
        int cycles = stopNanos.size();
        out.println("  swaps: " + cycles + " stop/start cycles of " + provider + "; provider changes seen by the broker: "
                + providerChanges());
        out.println("  buffers moved: " + buffersMoved + " (live buffers at each provider change)");
        out.println("  operations: " + counters.ops.get() + " verified write+check pairs in "
                + Units.millis(elapsedNanos) + "; errors: " + counters.errors.get());
        out.println("  lost buffers: " + counters.lost.get() + ", corrupted buffers: " + counters.corrupted.get());
        out.println("  time per swap: stop (" + provider + " out) " + stats(stopNanos) + "; start (" + provider
                + " back) " + stats(startNanos));
        String why = vmLckAfter <= vmLckBefore ? "back to baseline"
                : liveAfter == 0 && providerLockedAfter > 0 ? "held by the provider with no live buffer: spare arena chunks kept for reuse"
                : "NOT back to baseline";
        out.println("  VmLck before " + Units.bytes(vmLckBefore) + ", after " + Units.bytes(vmLckAfter) + " ("
                + Units.delta(vmLckAfter - vmLckBefore) + ", " + why + "); broker live buffers after: " + liveAfter
                + "; provider locked after: " + Units.bytes(providerLockedAfter));
        out.println("RESULT: " + verdict(cycles == 0 ? 1 : cycles));
    }

    private static String stats(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "n/a";
        }
        long max = nanos.stream().mapToLong(Long::longValue).max().orElse(0);
        double avg = nanos.stream().mapToLong(Long::longValue).average().orElse(0);
        return "avg " + Units.millis((long) avg) + ", max " + Units.millis(max);
    }
}
