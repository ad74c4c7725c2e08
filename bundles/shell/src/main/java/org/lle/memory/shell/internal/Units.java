package org.lle.memory.shell.internal;

import java.util.Locale;

/** Human-readable numbers for the shell output. */
final class Units {
    private Units() {
    }

    /** @return e.g. {@code 512 B}, {@code 8 KiB}, {@code 1.5 MiB} */
    static String bytes(long n) {
        if (n < 0) {
            return "-" + bytes(-n);
        }
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

    /** @return a signed byte delta, e.g. {@code +4 KiB} */
    static String delta(long n) {
        return (n >= 0 ? "+" : "") + bytes(n);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
    }
}
