package org.lle.memory.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Evaluates the performance goals on one JMH run (ratios within the run) and the footprint run. */
final class Goals {
    /**
     * The plain zeroings, by the memory they write. Each secureClear flavour is held to the fastest that
     * writes the same kind of memory: the benchmark's direct buffer is cache-line aligned and its arrays are
     * not (the GC places them), so an array wipe against a direct-buffer one would compare alignments.
     */
    static final List<String> PLAIN_DIRECT_ZEROING = List.of("byteBufferBulkPut", "byteBufferBulkPutAlignedSource",
            "unsafeSetMemory");
    static final List<String> PLAIN_ARRAY_ZEROING = List.of("arraysFill", "systemArraycopy",
            "byteArrayGetAlignedSource");

    private final List<Result> results;
    private final Properties memory;

    Goals(List<Result> results, Properties memory) {
        this.results = results;
        this.memory = memory;
    }

    List<Goal> evaluate() {
        List<Goal> goals = new ArrayList<>();
        for (int t : new int[] {1, 2}) {
            goals.add(ratio("pool alloc+close 512 B, " + t + "T: ours ÷ Netty pooled direct",
                    "PoolAlloc", "llePool", "nettyPooledDirect", "size", "512", t, 0.5, "≤ 0.5×"));
        }
        for (int t : new int[] {1, 2}) {
            goals.add(ratio("secure allocate(512)+write+close, " + t + "T: ours ÷ libsodium",
                    "SecureAlloc", "lleSecure", "libsodium", "size", "512", t, 0.01, "≤ 0.01×"));
            goals.add(ratio("secure allocate(512)+write+close, " + t + "T: ours ÷ OpenSSL secure heap",
                    "SecureAlloc", "lleSecure", "opensslSecureHeap", "size", "512", t, 1.0 / 3, "≤ 0.33×"));
        }
        for (String ours : List.of("lleSecureClearDirect", "lleSecureClearArray")) {
            goals.add(ratio("secureClear 64 B (" + kind(ours) + "): ours ÷ JNA explicit_bzero",
                    "Wipe", ours, "jnaExplicitBzero", "bytes", "64", 1, 0.5, "≤ 0.5×"));
        }
        for (String ours : List.of("lleSecureClearDirect", "lleSecureClearArray")) {
            goals.add(versusFastestPlain(ours));
        }
        goals.add(enable());
        for (String[] m : new String[][] {{"PoolAlloc", "llePool"}, {"SecureAlloc", "lleSecure"}}) {
            for (String size : List.of("64", "512", "4096")) {
                goals.add(scaling(m[0], m[1], size));
            }
        }
        goals.add(secrets());
        goals.add(poolOverhead());
        goals.add(memoryPerBlock());
        goals.add(ratio("64 put+get pairs on a pool block through access(): ours ÷ Netty pooled ByteBuf",
                "PoolAccess", "llePoolBlockAccessOpen", "nettyPooledDirect", null, null, 1, 1.5, "≤ 1.5×"));
        goals.add(ratio("64 put+get pairs on a POSIX secure buffer through access(): ours ÷ Netty pooled ByteBuf",
                "SecureAccess", "llePosixAccess", "nettyPooledDirect", null, null, 1, 3, "≤ 3×"));
        goals.add(ratio("secure allocate(512)+write 32 B+close ÷ pool allocate(512)+close", "SecureLifeCycle",
                "llePosixAllocWriteClose", "llePoolAllocClose", null, null, 1, 2, "≤ 2×"));
        for (int t : new int[] {1, 2}) {
            for (String n : List.of("10k", "100k", "500k")) {
                goals.add(volume(n, t));
            }
        }
        for (String bytes : List.of("1", "3")) {
            goals.add(ratio("secret line insert+delete at the cursor in an edit scope, " + bytes
                    + "-byte characters: POSIX ÷ byte[] gap buffer", "SecretLineEdit", "lleSecretLinePosixInScope",
                    "byteArrayGapBuffer", "bytesPerChar", bytes, 1, 3, "≤ 3×"));
        }
        return goals;
    }

    /** Allocate N then close N, per block: ours against the better of Netty's pooled and adaptive allocators. */
    private Goal volume(String n, int threads) {
        String name = "allocate " + n + " then close them, " + threads + "T: ours ÷ better Netty (pooled, adaptive)";
        Result ours = find("Volume", "lle_" + n, null, null, threads);
        Result pooled = find("Volume", "nettyPooled_" + n, null, null, threads);
        Result adaptive = find("Volume", "nettyAdaptive_" + n, null, null, threads);
        Result better = pooled == null ? adaptive
                : adaptive == null ? pooled : adaptive.score() < pooled.score() ? adaptive : pooled;
        if (ours == null || better == null) {
            return Goal.notMeasured(name, "missing results", "≤ 0.5×");
        }
        return Goal.atMost(name, ours.score() / better.score(), 0.5, compared(ours, better), "≤ 0.5×");
    }

    /** Time per enable+disable pair, and the strace count of lock syscalls in the loop (must be 0). */
    private Goal enable() {
        String name = "enableSecureMode on a locked page (enable+disable pair, an upper bound): time, syscalls";
        String target = "≤ 100 ns, no syscall";
        Result pair = find("EnableSecureMode", "enableDisableOnLockedPage", null, null, 1);
        if (pair == null) {
            return Goal.notMeasured(name, "no result", target);
        }
        String syscalls = memory.getProperty("enable.check.lockSyscallsInLoop");
        String measured = Report.ns(pair.score()) + " per pair; mlock/munlock/madvise in "
                + memory.getProperty("enable.check.pairs", "?") + " pairs: " + (syscalls == null ? "not traced" : syscalls)
                + " (control without the holder region: " + memory.getProperty("enable.control.lockSyscallsInLoop", "?")
                + " in " + memory.getProperty("enable.control.pairs", "?") + " pairs)";
        if (syscalls == null) {
            return Goal.notMeasured(name, measured, target);
        }
        boolean met = pair.score() <= 100 && Long.parseLong(syscalls) == 0;
        return new Goal(name, measured, target, met ? Goal.Status.MET : Goal.Status.MISSED);
    }

    private static String kind(String ours) {
        return ours.endsWith("Direct") ? "direct buffer" : "byte[]";
    }

    private Goal ratio(String name, String family, String ours, String peer, String param, String value,
            int threads, double bound, String target) {
        Result a = find(family, ours, param, value, threads);
        Result b = find(family, peer, param, value, threads);
        if (a == null || b == null) {
            return Goal.notMeasured(name, "missing: " + (a == null ? ours : peer), target);
        }
        double r = a.score() / b.score();
        return Goal.atMost(name, r, bound, compared(a, b), target);
    }

    private Goal versusFastestPlain(String ours) {
        String name = "secureClear 4 KiB (" + kind(ours) + "): ours ÷ fastest plain JVM zeroing of a " + kind(ours);
        Result a = find("Wipe", ours, "bytes", "4096", 1);
        Result fastest = null;
        for (String plain : ours.endsWith("Direct") ? PLAIN_DIRECT_ZEROING : PLAIN_ARRAY_ZEROING) {
            Result r = find("Wipe", plain, "bytes", "4096", 1);
            if (r != null && (fastest == null || r.score() < fastest.score())) {
                fastest = r;
            }
        }
        if (a == null || fastest == null) {
            return Goal.notMeasured(name, "missing results", "≤ 1.2×");
        }
        double r = a.score() / fastest.score();
        return Goal.atMost(name, r, 1.2, compared(a, fastest), "≤ 1.2×");
    }

    private Goal scaling(String family, String method, String size) {
        String name = method + " " + size + " B: 2-thread ÷ 1-thread time per op";
        Result one = find(family, method, "size", size, 1);
        Result two = find(family, method, "size", size, 2);
        if (one == null || two == null) {
            return Goal.notMeasured(name, "missing results", "≤ 1.5×");
        }
        double r = two.score() / one.score();
        return Goal.atMost(name, r, 1.5, compared(two, one), "≤ 1.5×");
    }

    private Goal secrets() {
        String name = "live locked 64-byte secrets within RLIMIT_MEMLOCK 8 MiB, no CAP_IPC_LOCK";
        String live = memory.getProperty("secrets.liveLocked");
        if (live == null) {
            return Goal.notMeasured(name, "no footprint result", "≥ 100,000");
        }
        if (!"false".equals(memory.getProperty("secrets.capIpcLock"))) {
            return Goal.notMeasured(name, "the child still had CAP_IPC_LOCK", "≥ 100,000");
        }
        long n = Long.parseLong(live);
        String measured = String.format("%,d (limit %s, VmLck +%,d B; stopped: %s)", n,
                memory.getProperty("secrets.memlockLimit"), Long.parseLong(memory.getProperty("secrets.vmLckBytes",
                        "0")), memory.getProperty("secrets.stoppedBecause"));
        return new Goal(name, measured, "≥ 100,000", n >= 100_000 ? Goal.Status.MET : Goal.Status.MISSED);
    }

    private Goal poolOverhead() {
        String name = "pool overhead per live 64-byte block (heap + native beyond the payload)";
        StringBuilder sb = new StringBuilder();
        for (String who : List.of("pool", "netty", "adaptive", "direct")) {
            String v = memory.getProperty("footprint." + who + ".overheadPerBlock");
            if (v != null) {
                sb.append(sb.length() == 0 ? "" : "; ").append(who.equals("pool") ? "ours" : who).append(' ')
                        .append(v).append(" B");
            }
        }
        if (memory.getProperty("footprint.pool.overheadPerBlock") == null) {
            return Goal.notMeasured(name, sb.length() == 0 ? "no footprint result" : sb.toString(), "reported");
        }
        return new Goal(name, sb.toString(), "reported", Goal.Status.INFO);
    }

    /** Heap plus reserved native bytes per live 64-byte block at 100,000 live: ours at most the better Netty's. */
    private Goal memoryPerBlock() {
        String name = "memory held per live 64-byte block at 100,000 live (heap + reserved native), defaults";
        String key = ".heapPlusReservedPerBlock";
        String ours = memory.getProperty("footprint.pool" + key);
        String pooled = memory.getProperty("footprint.netty" + key);
        String adaptive = memory.getProperty("footprint.adaptive" + key);
        if (ours == null || (pooled == null && adaptive == null)) {
            return Goal.notMeasured(name, "no footprint result", "≤ better Netty");
        }
        long best = Math.min(pooled == null ? Long.MAX_VALUE : Long.parseLong(pooled),
                adaptive == null ? Long.MAX_VALUE : Long.parseLong(adaptive));
        String measured = "ours " + ours + " B; Netty pooled " + pooled + " B; Netty adaptive " + adaptive + " B";
        return new Goal(name, measured, "≤ better Netty",
                Long.parseLong(ours) <= best ? Goal.Status.MET : Goal.Status.MISSED);
    }

    /** "0.42× (33 ns vs 79 ns netty); CPU time 0.40×": the verdict uses the wall-time ratio, JMH's score. */
    private static String compared(Result a, Result b) {
        String text = Report.ratio(a.score() / b.score()) + " (" + Report.ns(a.score()) + " vs "
                + Report.ns(b.score()) + " " + b.method() + (a.threads() != b.threads() ? " " + b.threads() + "T" : "")
                + ")";
        double cpu = a.cpuPerOp() / b.cpuPerOp();
        return Double.isNaN(cpu) ? text : text + "; CPU time " + Report.ratio(cpu);
    }

    Result find(String family, String method, String param, String value, int threads) {
        for (Result r : results) {
            if (r.family().equals(family) && r.method().equals(method) && r.threads() == threads
                    && (param == null || value.equals(r.params().get(param)))) {
                return r;
            }
        }
        return null;
    }
}
