package org.lle.memory.internal.proc;

import java.util.Optional;
import java.util.OptionalLong;

/** Fields of {@code /proc/self/status}: locked memory and capabilities, as the kernel sees them. */
public final class ProcStatus {
    /** Bit of CAP_IPC_LOCK in the capability masks (linux/capability.h). */
    public static final int CAP_IPC_LOCK = 14;

    private ProcStatus() {
    }

    /** @return VmLck of this process in bytes, or empty when the kernel does not say */
    public static OptionalLong vmLckBytes() {
        return ProcFiles.read("/proc/self/status").map(s -> kbField(s, "VmLck:")).orElse(OptionalLong.empty());
    }

    /** @return VmRSS (resident memory) of this process in bytes, or empty when the kernel does not say */
    public static OptionalLong vmRssBytes() {
        return ProcFiles.read("/proc/self/status").map(s -> kbField(s, "VmRSS:")).orElse(OptionalLong.empty());
    }

    /** @return how many mappings this process has ({@code /proc/self/maps} lines), or -1 when unreadable */
    public static long mappingCount() {
        return ProcFiles.read("/proc/self/maps").map(s -> s.lines().count()).orElse(-1L);
    }

    /** @return the effective capability mask of this process */
    public static OptionalLong capEff() {
        return ProcFiles.read("/proc/self/status").map(s -> hexField(s, "CapEff:")).orElse(OptionalLong.empty());
    }

    /** @return a {@code "Name:   123 kB"} field in bytes */
    public static OptionalLong kbField(String statusText, String name) {
        return field(statusText, name).map(v -> {
            String[] f = v.split("\\s+");
            try {
                return OptionalLong.of(Long.parseLong(f[0]) * 1024);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    /** @return a {@code "Name:   000001ffffffffff"} field */
    public static OptionalLong hexField(String statusText, String name) {
        return field(statusText, name).map(v -> {
            try {
                return OptionalLong.of(Long.parseUnsignedLong(v, 16));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    public static boolean hasCapability(long mask, int bit) {
        return (mask & (1L << bit)) != 0;
    }

    /** @return whether this process has CAP_IPC_LOCK (mlock then ignores RLIMIT_MEMLOCK); false when unreadable */
    public static boolean hasCapIpcLock() {
        OptionalLong caps = capEff();
        return caps.isPresent() && hasCapability(caps.getAsLong(), CAP_IPC_LOCK);
    }

    private static Optional<String> field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(name.length()).trim());
    }
}
