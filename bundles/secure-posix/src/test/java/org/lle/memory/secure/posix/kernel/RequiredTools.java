package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the external tools the kernel tests need; a missing one fails the test loudly, never skips it. */
final class RequiredTools {
    private RequiredTools() {
    }

    static Path path(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("the kernel tests need '%s' on the PATH (%s) and it is missing: install it (%s); "
                + "these tests prove security claims and must not be skipped", tool, path, packageOf(tool));
    }

    /**
     * Runs {@code tool args...} with its output in {@code log}; kills it (and its children) after
     * {@code timeout}. Fails unless it exits 0.
     */
    static void run(Duration timeout, Path log, String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path(tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("%s did not finish within %s: %s", cmd, timeout, Files.readString(log));
            }
            if (p.exitValue() != 0) {
                fail("%s exited with %d: %s", cmd, p.exitValue(), Files.readString(log));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String packageOf(String tool) {
        switch (tool) {
            case "gcore":
                return "Debian/Ubuntu package gdb";
            case "prlimit":
            case "setpriv":
                return "Debian/Ubuntu package util-linux";
            default:
                return "see your distribution";
        }
    }
}
