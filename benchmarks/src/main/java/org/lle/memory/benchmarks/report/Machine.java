package org.lle.memory.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the report is written on (run.sh writes it right after the run, on the same machine). */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpuModel() + ", Linux "
                + read("/proc/sys/kernel/osrelease") + ", " + System.getProperty("os.arch");
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "CPU model unknown (" + e.getMessage() + ")";
        }
        return "CPU model unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
