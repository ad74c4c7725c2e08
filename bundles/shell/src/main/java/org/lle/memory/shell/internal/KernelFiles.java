package org.lle.memory.shell.internal;

import java.util.Optional;
import org.lle.memory.internal.proc.ProcFiles;
import org.lle.memory.internal.proc.ProcStatus;

/**
 * The kernel files {@code lle:doctor} reads, captured once so the advice can be tested against any machine.
 *
 * @param limits {@code /proc/self/limits}
 * @param status {@code /proc/self/status}
 * @param osRelease {@code /proc/sys/kernel/osrelease}
 * @param secretmemEnabled {@code /sys/module/secretmem/parameters/enable} ({@code Y}/{@code N}), if present
 * @param corePattern {@code /proc/sys/kernel/core_pattern}
 * @param coredumpFilter {@code /proc/self/coredump_filter}
 * @param ptraceScope {@code /proc/sys/kernel/yama/ptrace_scope}, absent without Yama
 * @param swaps {@code /proc/swaps}
 */
record KernelFiles(Optional<String> limits, Optional<String> status, Optional<String> osRelease,
        Optional<String> secretmemEnabled, Optional<String> corePattern, Optional<String> coredumpFilter,
        Optional<String> ptraceScope, Optional<String> swaps) {

    static final String PTRACE_SCOPE = "/proc/sys/kernel/yama/ptrace_scope";
    static final String SECRETMEM = "/sys/module/secretmem/parameters/enable";

    static KernelFiles current() {
        return new KernelFiles(ProcFiles.read("/proc/self/limits"), ProcFiles.read("/proc/self/status"),
                ProcFiles.firstLine("/proc/sys/kernel/osrelease"), ProcFiles.firstLine(SECRETMEM),
                ProcFiles.firstLine("/proc/sys/kernel/core_pattern"), ProcFiles.firstLine("/proc/self/coredump_filter"),
                ProcFiles.firstLine(PTRACE_SCOPE), ProcFiles.read("/proc/swaps"));
    }

    Optional<ProcLimits> limit(String name) {
        return limits.flatMap(text -> ProcLimits.parse(text, name));
    }

    /** @return whether CapEff has CAP_IPC_LOCK; empty when unknown */
    Optional<Boolean> hasIpcLock() {
        return status.map(s -> ProcStatus.hexField(s, "CapEff:"))
                .filter(v -> v.isPresent())
                .map(v -> ProcStatus.hasCapability(v.getAsLong(), ProcStatus.CAP_IPC_LOCK));
    }

    Optional<String> capEffHex() {
        return status.map(s -> ProcStatus.hexField(s, "CapEff:")).filter(v -> v.isPresent())
                .map(v -> String.format("0x%x", v.getAsLong()));
    }

    /** @return the kernel's major.minor, e.g. {@code [6, 8]}; empty when unreadable */
    Optional<int[]> kernelVersion() {
        return osRelease.flatMap(r -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(r);
            return m.find() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
                    : Optional.empty();
        });
    }

    /** @return swap devices in use (lines of /proc/swaps after its header) */
    long swapDevices() {
        return swaps.map(s -> s.lines().skip(1).filter(l -> !l.isBlank()).count()).orElse(0L);
    }
}
