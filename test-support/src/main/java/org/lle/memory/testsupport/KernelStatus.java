package org.lle.memory.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel says about a process in {@code /proc/<pid>/status} and {@code /proc/<pid>/limits}: the bytes it
 * has locked ({@code VmLck}) or resident ({@code VmRSS}), its capabilities, its lock limit. The methods without a
 * pid read this process ({@code /proc/self}).
 *
 * <p>Independent of the main code's {@code org.lle.memory.internal.proc.ProcStatus} on purpose: a test checks
 * the kernel's word with a reader that shares no code with the code under test.
 */
public final class KernelStatus {
    /** Bit of CAP_IPC_LOCK in the capability masks. */
    public static final int CAP_IPC_LOCK = 14;
    private static final String SELF = "self";

    private KernelStatus() {
    }

    /** @return the bytes the kernel counts as locked for this process */
    public static long vmLckBytes() {
        return vmLckBytes(SELF);
    }

    /** @param pid a process id, or {@code "self"} @return the bytes the kernel counts as locked for that process */
    public static long vmLckBytes(String pid) {
        return sizeInBytes(pid, "VmLck");
    }

    /** @return a size field of this process's status ({@code VmLck}, {@code VmRSS}, ...), in bytes */
    public static long sizeInBytes(String field) {
        return sizeInBytes(SELF, field);
    }

    /** @return a size field ({@code "<n> kB"}) of {@code /proc/<pid>/status}, in bytes */
    public static long sizeInBytes(String pid, String field) {
        String value = field(pid, field);
        String[] parts = value.split("\\s+");
        if (parts.length != 2 || !"kB".equals(parts[1])) {
            throw new IllegalStateException("unexpected " + field + " in /proc/" + pid + "/status: " + value);
        }
        return Long.parseLong(parts[0]) * 1024;
    }

    /** @return the effective capability mask of {@code /proc/<pid>/status} */
    public static long capEff(String pid) {
        return Long.parseUnsignedLong(field(pid, "CapEff"), 16);
    }

    /** @return the mask of signals this process ignores ({@code SigIgn}; bit n-1 is signal n), inherited by its children */
    public static long ignoredSignals() {
        return Long.parseUnsignedLong(field(SELF, "SigIgn"), 16);
    }

    /** @return whether this process holds CAP_IPC_LOCK (which makes RLIMIT_MEMLOCK irrelevant) */
    public static boolean hasIpcLock() {
        return hasIpcLock(SELF);
    }

    public static boolean hasIpcLock(String pid) {
        return (capEff(pid) & (1L << CAP_IPC_LOCK)) != 0;
    }

    /** @return this process's soft RLIMIT_MEMLOCK as /proc shows it: a number of bytes or "unlimited" */
    public static String memlockLimit() {
        return memlockLimit(SELF);
    }

    /** @return the soft RLIMIT_MEMLOCK of {@code /proc/<pid>/limits}: a number of bytes or "unlimited" */
    public static String memlockLimit(String pid) {
        for (String line : lines(pid, "limits")) {
            if (line.startsWith("Max locked memory")) {
                return line.substring("Max locked memory".length()).trim().split("\\s+")[0];
            }
        }
        throw new IllegalStateException("no 'Max locked memory' in /proc/" + pid + "/limits");
    }

    private static String field(String pid, String name) {
        for (String line : lines(pid, "status")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
    }

    /** @return the lines of {@code /proc/<pid>/<file>} */
    static List<String> lines(String pid, String file) {
        Path path = Path.of("/proc", pid, file);
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
