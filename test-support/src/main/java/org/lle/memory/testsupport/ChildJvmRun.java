package org.lle.memory.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a child JVM: the current JDK and class path, the given JVM options, one class's main. For tests
 * that need JVM limits the test JVM must not have (a small {@code -XX:MaxDirectMemorySize}, say). The child is
 * killed if it has not finished within 60 seconds.
 *
 * @param exitCode the child's exit code
 * @param output its stdout and stderr, interleaved
 */
public record ChildJvmRun(int exitCode, String output) {
    private static final long TIMEOUT_SECONDS = 60;

    /** Runs {@code main} in a child JVM and waits for it. */
    public static ChildJvmRun of(Class<?> main, String... jvmOptions) {
        return wrapped(List.of(), List.of(jvmOptions), main);
    }

    /**
     * Runs {@code main} with {@code args} in a child JVM started through {@code wrapper} (for example
     * {@code prlimit --nofile=64:64}, or {@code setpriv ...} to drop a capability) and waits for it.
     */
    public static ChildJvmRun wrapped(List<String> wrapper, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path log = null;
        try {
            // output to a file, not a pipe: a child that hangs cannot block the read, so the timeout holds
            log = Files.createTempFile("child-jvm", ".log");
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("child " + main.getName() + " still running after " + TIMEOUT_SECONDS
                        + " s; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new ChildJvmRun(child.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + main.getName(), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
