package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged launcher jar in a child JVM, the way a user or a script does. */
final class LauncherProcess {
    private static final long TIMEOUT_SECONDS = 180;

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private LauncherProcess() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("lle.launcher.jar", "target/lle-memory-launcher.jar"));
        assertThat(jar).as("the packaged launcher (run the integration tests after 'package')").isRegularFile();
        assertThat(jar.resolveSibling("bundles")).as("bundles copied at package time").isDirectory();
        return jar;
    }

    /**
     * @param wrapper commands put before java (e.g. prlimit, setpriv), may be empty
     * @param jvmArgs JVM options such as -D properties
     * @param stdin what to type into the child ({@code null}: nothing, stdin closed at once)
     */
    static Result run(List<String> wrapper, List<String> jvmArgs, String stdin, String... args)
            throws IOException, InterruptedException {
        return runWith(Path.of(System.getProperty("java.home")), wrapper, jvmArgs, stdin, args);
    }

    /** As {@link #run}, with the JDK installed at {@code javaHome}. */
    static Result runWith(Path javaHome, List<String> wrapper, List<String> jvmArgs, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("lle-launcher-out", ".txt");
        Path err = Files.createTempFile("lle-launcher-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("launcher did not finish within " + TIMEOUT_SECONDS + " s: " + cmd
                        + "\n" + Files.readString(out) + "\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result batch(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--batch"));
        all.addAll(List.of(args));
        return run(List.of(), List.of(), null, all.toArray(String[]::new));
    }

    /** @return the path of a tool this test needs, failing (not skipping) with a clear message when it is missing */
    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not installed (prlimit, setpriv, setsid, script: util-linux; gcore: gdb);"
                + " this test needs it");
    }
}
