package org.lle.memory.secure.posix.kernel;


/** Reads fields of {@code /proc/<pid>/status} and {@code /proc/<pid>/limits}. */
final class ProcStatus {
    /** Bit of CAP_IPC_LOCK in the capability masks. */
    static final int CAP_IPC_LOCK = 14;

    private ProcStatus() {
    }

    /** @return {@code VmLck} in KiB: the bytes the kernel counts as locked for the process */
    static long vmLckKiB(String pid) {
        String v = field(pid, "VmLck");
        return Long.parseLong(v.replace("kB", "").trim());
    }

    /** @return the effective capability mask */
    static long capEff(String pid) {
        return Long.parseUnsignedLong(field(pid, "CapEff"), 16);
    }

    static boolean hasIpcLock(String pid) {
        return (capEff(pid) & (1L << CAP_IPC_LOCK)) != 0;
    }

    /** @return the soft RLIMIT_MEMLOCK as /proc shows it: a number of bytes or "unlimited" */
    static String memlockLimit(String pid) {
        for (String line : ProcFiles.lines(pid, "limits")) {
            if (line.startsWith("Max locked memory")) {
                return line.substring("Max locked memory".length()).trim().split("\\s+")[0];
            }
        }
        throw new IllegalStateException("no 'Max locked memory' in /proc/" + pid + "/limits");
    }

    private static String field(String pid, String name) {
        for (String line : ProcFiles.lines(pid, "status")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
    }
}
