package org.lle.memory.itests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers a swap under load produced: per kind of operation, how many provider changes it caused, how long
 * each took (the operation's wall time until the broker counted the change), and how many buffers moved.
 */
final class SwapLog {
    private final Map<String, List<Long>> nanosByKind = new LinkedHashMap<>();
    private long buffersMoved;

    /** One operation that changed the provider {@code swaps} times while {@code liveBuffers} were open. */
    void record(String kind, long elapsedNanos, int swapsInOperation, int liveBuffers) {
        List<Long> list = nanosByKind.computeIfAbsent(kind, k -> new ArrayList<>());
        for (int i = 0; i < swapsInOperation; i++) {
            list.add(elapsedNanos / swapsInOperation);
        }
        buffersMoved += (long) swapsInOperation * liveBuffers;
    }

    int swaps() {
        return nanosByKind.values().stream().mapToInt(List::size).sum();
    }

    long buffersMoved() {
        return buffersMoved;
    }

    String summary(long operations, int threads) {
        List<Long> all = new ArrayList<>();
        nanosByKind.values().forEach(all::addAll);
        StringBuilder perKind = new StringBuilder();
        nanosByKind.forEach((kind, list) -> perKind.append(String.format(Locale.ROOT, "%n  %-14s swaps=%3d %s",
                kind, list.size(), stats(list))));
        String load = threads == 0 ? "" : String.format(Locale.ROOT,
                "; %d worker threads did %d verified write/read rounds meanwhile", threads, operations);
        return String.format(Locale.ROOT, "swaps=%d buffersMoved=%d timePerSwap(ms) %s%s; per operation:%s",
                swaps(), buffersMoved, stats(all), load, perKind);
    }

    private static String stats(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        double median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
        double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6;
        return String.format(Locale.ROOT, "mean=%.2f median=%.2f max=%.2f", mean, median, max);
    }
}
