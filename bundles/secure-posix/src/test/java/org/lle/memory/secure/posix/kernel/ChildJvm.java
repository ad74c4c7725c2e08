package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A child JVM running one of the child mains of this package with the test class path, so a kernel test
 * can crash, fork, dump or de-privilege it while the test JVM stays untouched. Every wait has a timeout;
 * {@link #close()} always kills the child (and anything it started).
 */
final class ChildJvm implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String EOF = "\u0000eof";
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final List<String> command;
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final Map<String, String> values = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Writer stdin;
    private final CountDownLatch outputDone = new CountDownLatch(2);

    private ChildJvm(List<String> command, Map<String, String> environment) {
        this.command = command;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        pump("stdout", new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                line -> {
                    seen.add(line);
                    int eq = line.indexOf('=');
                    if (eq > 0 && KEY.matcher(line.substring(0, eq)).matches()) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                    stdout.add(line);
                });
        pump("stderr", new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> {
                    if (stderr.length() < 64_000) {
                        stderr.append(line).append('\n');
                    }
                });
    }

    /** @return a builder for a child JVM running {@code main}'s {@code main(String[])} */
    static Builder of(Class<?> main) {
        return new Builder(main);
    }

    long pid() {
        return process.pid();
    }

    /** Reads stdout until a line starting with {@code prefix}, failing when the output ends or on timeout. */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line;
            try {
                line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + prefix, e);
            }
            if (line == null) {
                return fail("child printed no line starting with '%s' within %s%n%s", prefix, timeout, describe());
            }
            if (EOF.equals(line)) {
                stdout.add(EOF);
                return fail("child ended its output before printing '%s'%n%s", prefix, describe());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends one command line to the child's stdin. */
    void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            fail("cannot write '%s' to the child: %s%n%s", line, e, describe());
        }
    }

    /** @return the exit code (128 + signal when a signal killed it); fails after {@code timeout} */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                return fail("child did not exit within %s; killed it%n%s", timeout, describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the child", e);
        }
        drainQuietly();
        return process.exitValue();
    }

    /** @return the value of the last {@code key=value} line seen, failing with the whole output when absent */
    String value(String key) {
        String v = values.get(key);
        if (v == null) {
            return fail("child did not report '%s'%n%s", key, describe());
        }
        return v;
    }

    Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** The command, stdout and stderr so far: attached to every failure message. */
    String describe() {
        return "command: " + String.join(" ", command) + "\n--- child stdout:\n" + String.join("\n", seen)
                + "\n--- child stderr:\n" + stderr;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the pump threads catch up after exit, so describe() shows the last lines. */
    private void drainQuietly() {
        try {
            outputDone.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(String name, BufferedReader reader, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (reader) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the child went away; what we have is what it said
            } finally {
                if (name.equals("stdout")) {
                    stdout.add(EOF);
                }
                outputDone.countDown();
            }
        }, "child-" + name + "-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /** Builds the command line: optional wrapper tools (prlimit, setpriv), JVM options, main, arguments. */
    static final class Builder {
        private final Class<?> main;
        private final List<String> wrapper = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of(
                "-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:-CreateCoredumpOnCrash"));
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(Class<?> main) {
            this.main = main;
        }

        /** Runs the JVM through {@code tool args...} (the tool must be on the PATH). */
        Builder wrappedBy(String tool, String... toolArgs) {
            wrapper.add(RequiredTools.path(tool).toString());
            wrapper.addAll(List.of(toolArgs));
            return this;
        }

        Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        Builder args(Object... values) {
            for (Object v : values) {
                args.add(String.valueOf(v));
            }
            return this;
        }

        ChildJvm start() {
            List<String> cmd = new ArrayList<>(wrapper);
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.add("-cp");
            cmd.add(testClassPath());
            cmd.add(main.getName());
            cmd.addAll(args);
            return new ChildJvm(cmd, environment);
        }

        private static String testClassPath() {
            String cp = System.getProperty("surefire.test.class.path");
            if (cp == null || cp.isBlank()) {
                cp = System.getProperty("java.class.path");
            }
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                    fail("class path entry %s does not exist", entry);
                }
            }
            return cp;
        }
    }
}
