package org.lle.memory.benchmarks.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what the kernel says about this process: /proc/self/status and /proc/self/limits. */
final class ProcessStatus {
    private static final int CAP_IPC_LOCK = 14;

    private ProcessStatus() {
    }

    /** @return a {@code kB} field of /proc/self/status (e.g. VmLck, VmRSS) in bytes */
    static long statusBytes(String field) {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }

    /** @return whether CapEff holds CAP_IPC_LOCK (which makes RLIMIT_MEMLOCK irrelevant) */
    static boolean hasIpcLock() {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (caps & (1L << CAP_IPC_LOCK)) != 0;
            }
        }
        throw new IllegalStateException("no CapEff in /proc/self/status");
    }

    /** @return the soft "Max locked memory" limit as written in /proc/self/limits */
    static String memlockLimit() {
        for (String line : lines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max locked memory")) {
                return line.substring("Max locked memory".length()).trim().split("\\s+")[0];
            }
        }
        return "unknown";
    }

    private static java.util.List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
