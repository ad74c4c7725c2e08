package org.lle.memory.shell.internal;

import java.util.Optional;
import org.lle.memory.internal.proc.ProcFiles;

/**
 * One resource limit from {@code /proc/self/limits}, e.g. {@code Max locked memory 8388608 8388608 bytes}.
 *
 * @param soft the soft limit, {@link #UNLIMITED} for "unlimited"
 * @param hard the hard limit, {@link #UNLIMITED} for "unlimited"
 */
record ProcLimits(long soft, long hard) {
    static final long UNLIMITED = Long.MAX_VALUE;
    static final String MEMLOCK = "Max locked memory";
    static final String CORE = "Max core file size";

    /** @return the limit of the current process */
    static Optional<ProcLimits> current(String name) {
        return ProcFiles.read("/proc/self/limits").flatMap(text -> parse(text, name));
    }

    /** @param limitsText the contents of a {@code /proc/<pid>/limits} file */
    static Optional<ProcLimits> parse(String limitsText, String name) {
        return limitsText.lines().filter(l -> l.startsWith(name)).findFirst().flatMap(line -> {
            String[] f = line.substring(name.length()).trim().split("\\s+");
            if (f.length < 2) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ProcLimits(value(f[0]), value(f[1])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static long value(String s) {
        return "unlimited".equals(s) ? UNLIMITED : Long.parseLong(s);
    }

    boolean softUnlimited() {
        return soft == UNLIMITED;
    }

    static String describe(long value) {
        return value == UNLIMITED ? "unlimited" : Units.bytes(value);
    }
}
