package org.lle.memory.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lle.memory.secure.SecureCapability;
import org.lle.memory.secure.SecureMemoryInfo;

/**
 * {@code lle:doctor}: what this machine allows for secure memory, read from the kernel's own files, each
 * finding with a concrete fix.
 */
final class Doctor {
    static final long SECRET_BYTES = 64;
    static final String POSIX_PID = "org.lle.memory.secure.posix";
    private static final long SMALL_LOCK_LIMIT = 1L << 20;
    private static final String LIMIT_FIX = "raise it before starting java: 'ulimit -l 65536' (KiB, up to the hard"
            + " limit) or 'prlimit --memlock=67108864:67108864 java ...'; permanently '<user> - memlock 65536' in"
            + " /etc/security/limits.d/lle.conf, 'LimitMEMLOCK=64M' in a systemd unit, '--ulimit memlock=67108864'"
            + " for docker";
    private static final String CAP_FIX = "grant CAP_IPC_LOCK: 'sudo setcap cap_ipc_lock+ep \"$(readlink -f \"$(which java)\")\"',"
            + " 'AmbientCapabilities=CAP_IPC_LOCK' in a systemd unit, '--cap-add IPC_LOCK' for docker; or raise"
            + " RLIMIT_MEMLOCK instead";

    private final Optional<SecureMemoryInfo> provider;
    private final KernelFiles machine;

    /**
     * @param provider the selected provider's info, if any
     * @param machine the kernel's view of this process
     */
    Doctor(Optional<SecureMemoryInfo> provider, KernelFiles machine) {
        this.provider = provider;
        this.machine = machine;
    }

    void print(PrintStream out) {
        out.println("lle:doctor - what this machine allows for secure memory");
        List<Finding> findings = findings();
        findings.forEach(f -> f.print(out));
        long warn = findings.stream().filter(f -> f.level() == Finding.Level.WARN).count();
        out.println(findings.size() + " checks, " + warn + " with something to fix");
    }

    List<Finding> findings() {
        List<Finding> list = new ArrayList<>();
        list.add(providerFinding());
        list.add(memlock());
        list.add(ipcLock());
        list.add(memfdSecret());
        list.add(coreDumps());
        list.add(coredumpFilter());
        list.add(ptrace());
        list.add(swap());
        return list;
    }

    private boolean has(SecureCapability c) {
        return provider.map(i -> i.has(c)).orElse(false);
    }

    Finding providerFinding() {
        if (provider.isEmpty()) {
            return Finding.warn("provider", "no SecureMemory provider is registered",
                    "install and start lle-memory-secure-posix (and lle-memory-secure-noop as the fallback)");
        }
        SecureMemoryInfo i = provider.get();
        String caps = StatusReport.capabilities(i);
        if (i.degraded()) {
            return Finding.warn("provider", i.provider() + " is DEGRADED: " + i.degradationReason()
                    + " (working: " + caps + ")", "see the findings below for the limit, capability or kernel"
                    + " feature behind it; the POSIX provider is chosen again once its start-time probe passes"
                    + " (restart, or stop/start its bundle)");
        }
        return Finding.ok("provider", i.provider() + ", not degraded; working: " + caps,
                "a host that must never run degraded binds SecureMemory with the filter (lle.secure.degraded=false)");
    }

    Finding memlock() {
        Optional<ProcLimits> l = machine.limit(ProcLimits.MEMLOCK);
        if (l.isEmpty()) {
            return Finding.info("RLIMIT_MEMLOCK", "unknown (/proc/self/limits unreadable)", "check 'ulimit -l'");
        }
        ProcLimits lim = l.get();
        String fact = "soft " + ProcLimits.describe(lim.soft()) + ", hard " + ProcLimits.describe(lim.hard())
                + " (/proc/self/limits)";
        if (machine.hasIpcLock().orElse(false)) {
            return Finding.ok("RLIMIT_MEMLOCK", fact + "; not enforced: the process has CAP_IPC_LOCK",
                    "without CAP_IPC_LOCK this limit applies; " + LIMIT_FIX);
        }
        if (lim.softUnlimited()) {
            return Finding.ok("RLIMIT_MEMLOCK", fact + "; locking is limited only by RAM", "nothing to do");
        }
        String room = "; room for about " + lim.soft() / SECRET_BYTES + " locked 64-byte secrets (the JVM may lock some too)";
        if (lim.soft() < SMALL_LOCK_LIMIT) {
            return Finding.warn("RLIMIT_MEMLOCK", fact + room + ": buffers beyond it are NOT locked", LIMIT_FIX);
        }
        return Finding.ok("RLIMIT_MEMLOCK", fact + room, "for more, " + LIMIT_FIX);
    }

    Finding ipcLock() {
        Optional<Boolean> cap = machine.hasIpcLock();
        String mask = machine.capEffHex().map(h -> "CapEff " + h + " (/proc/self/status)").orElse("CapEff unknown");
        if (cap.isEmpty()) {
            return Finding.info("CAP_IPC_LOCK", mask, "check with 'grep CapEff /proc/self/status' (bit 14)");
        }
        if (cap.get()) {
            return Finding.ok("CAP_IPC_LOCK", mask + " has bit 14: locking ignores RLIMIT_MEMLOCK",
                    "to keep it when not root: " + CAP_FIX);
        }
        return Finding.info("CAP_IPC_LOCK", mask + " lacks bit 14: locking is capped by RLIMIT_MEMLOCK", CAP_FIX);
    }

    Finding memfdSecret() {
        String kernel = machine.osRelease().orElse("unknown");
        if (has(SecureCapability.MEMFD_SECRET)) {
            return Finding.ok("memfd_secret", "in use (kernel " + kernel + "): secure buffers are removed from the"
                    + " kernel's direct map and unreadable through /proc/<pid>/mem", "nothing to do");
        }
        Optional<int[]> v = machine.kernelVersion();
        if (v.isPresent() && (v.get()[0] < 5 || v.get()[0] == 5 && v.get()[1] < 14)) {
            return Finding.warn("memfd_secret", "kernel " + kernel + " has no memfd_secret (Linux 5.14+)",
                    "upgrade to Linux 5.14 or later; until then buffers use mmap + mlock + MADV_DONTDUMP");
        }
        String enabled = machine.secretmemEnabled().orElse("");
        if (enabled.equals("N")) {
            return Finding.warn("memfd_secret", "kernel " + kernel + " has it switched off (" + KernelFiles.SECRETMEM + " = N)",
                    "boot with 'secretmem.enable=1' on the kernel command line (GRUB_CMDLINE_LINUX, then update-grub)");
        }
        return Finding.info("memfd_secret", "kernel " + kernel + " offers it" + (enabled.isEmpty() ? "" : " (secretmem"
                + " enable = " + enabled + ")") + " but the provider does not use it",
                "turn on the POSIX provider's backend: memfdSecret=true in the Config Admin configuration of PID "
                        + POSIX_PID + " (Karaf: 'config:property-set -p " + POSIX_PID + " memfdSecret true'; with the"
                        + " demo commands on: 'lle:memfd on'; launcher option --memfd-secret); its pages count against"
                        + " RLIMIT_MEMLOCK too");
    }

    Finding coreDumps() {
        String pattern = machine.corePattern().orElse("unknown");
        String where = pattern.startsWith("|") ? "piped to " + pattern.substring(1).split("\\s+")[0] : "file pattern '" + pattern + "'";
        Optional<ProcLimits> core = machine.limit(ProcLimits.CORE);
        String limit = core.map(c -> ProcLimits.describe(c.soft())).orElse("unknown");
        String fact = "RLIMIT_CORE " + limit + ", core_pattern " + where;
        if (core.isPresent() && core.get().soft() == 0) {
            return Finding.ok("core dumps", fact + ": this process writes no core dump",
                    "keep 'ulimit -c 0' in the start script");
        }
        if (has(SecureCapability.NO_CORE_DUMP)) {
            return Finding.ok("core dumps", fact + "; a crash writes a core, but secure buffers are MADV_DONTDUMP and left out",
                    "for defence in depth start with 'ulimit -c 0' (or 'prlimit --core=0 java ...');"
                            + " with systemd-coredump set 'Storage=none' in /etc/systemd/coredump.conf");
        }
        return Finding.warn("core dumps", fact + "; the provider cannot keep secrets out of a core dump",
                "start with 'ulimit -c 0' (or 'prlimit --core=0 java ...'); with systemd-coredump set"
                        + " 'Storage=none' in /etc/systemd/coredump.conf");
    }

    Finding coredumpFilter() {
        Optional<String> filter = machine.coredumpFilter();
        if (filter.isEmpty()) {
            return Finding.info("coredump_filter", "unknown (/proc/self/coredump_filter unreadable)", "nothing to do");
        }
        long bits;
        try {
            bits = Long.parseLong(filter.get(), 16);
        } catch (NumberFormatException e) {
            return Finding.info("coredump_filter", "unparsable value '" + filter.get() + "'", "nothing to do");
        }
        List<String> dumped = new ArrayList<>();
        String[] names = {"anonymous private", "anonymous shared", "file-backed private", "file-backed shared",
            "ELF headers", "hugetlb private", "hugetlb shared", "DAX private", "DAX shared"};
        for (int i = 0; i < names.length; i++) {
            if ((bits & (1L << i)) != 0) {
                dumped.add(names[i]);
            }
        }
        return Finding.info("coredump_filter", "0x" + filter.get() + " dumps " + (dumped.isEmpty() ? "nothing" : String.join(", ", dumped)),
                "MADV_DONTDUMP mappings are skipped whatever the filter says; 'echo 0x10 > /proc/<pid>/coredump_filter'"
                        + " would also leave the Java heap out of dumps");
    }

    Finding ptrace() {
        Optional<String> scope = machine.ptraceScope();
        if (scope.isEmpty()) {
            return Finding.warn("ptrace", "Yama is not active (" + KernelFiles.PTRACE_SCOPE + " missing): any process of"
                    + " the same user may attach a debugger or read /proc/<pid>/mem",
                    "enable the Yama LSM (CONFIG_SECURITY_YAMA, 'lsm=...,yama' on the kernel command line), then"
                            + " 'sysctl -w kernel.yama.ptrace_scope=1' (persist it in /etc/sysctl.d/10-ptrace.conf);"
                            + " memfd_secret pages stay unreadable even so");
        }
        if (scope.get().equals("0")) {
            return Finding.warn("ptrace", "kernel.yama.ptrace_scope = 0: any process of the same user may attach",
                    "'sysctl -w kernel.yama.ptrace_scope=1' (only parents may attach), persist it in /etc/sysctl.d/10-ptrace.conf");
        }
        return Finding.ok("ptrace", "kernel.yama.ptrace_scope = " + scope.get() + ": other processes of the user cannot attach",
                "nothing to do (3 forbids attaching altogether)");
    }

    Finding swap() {
        long devices = machine.swapDevices();
        if (devices == 0) {
            return Finding.ok("swap", "no swap device active (/proc/swaps): nothing is paged out to disk",
                    "if swap is added later, locked buffers (MLOCK) still stay in RAM");
        }
        if (has(SecureCapability.MLOCK)) {
            return Finding.ok("swap", devices + " swap device(s) active; secure buffers are locked in RAM",
                    "encrypted swap protects the rest of the heap too");
        }
        return Finding.warn("swap", devices + " swap device(s) active and secure buffers are NOT locked: secrets may be paged out",
                "fix the lock limit or CAP_IPC_LOCK above, or use encrypted swap / 'swapoff -a'");
    }
}
