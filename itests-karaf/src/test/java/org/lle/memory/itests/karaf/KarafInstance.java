package org.lle.memory.itests.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Apache Karaf unpacked from the published distribution into a private directory, started in the
 * background ({@code bin/karaf daemon}: the script execs the JVM, so the process handle is Karaf itself) on free
 * ports, driven through {@code bin/client} with commands on standard input, and stopped on {@link #close()}.
 */
final class KarafInstance implements AutoCloseable {
    private static final long STOP_SECONDS = 30;
    private static final String ANSI = "\u001B\\[[;\\d]*m";

    /** What one {@code bin/client} call printed (stdout and stderr together, colours removed) and its exit code. */
    record ClientResult(int exit, String output) {
    }

    private final Path home;
    private final Process process;

    private KarafInstance(Path home, Process process) {
        this.home = home;
        this.process = process;
    }

    /**
     * Unpacks {@code distribution} into {@code workDir} (emptied first), gives it free SSH and RMI ports and the
     * {@code karaf} user the client logs in with, and starts it.
     *
     * @throws IllegalStateException when the distribution is missing or cannot be unpacked, naming it
     */
    static KarafInstance start(Path distribution, String version, Path workDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("the Karaf distribution " + distribution + " is missing: the build copies"
                    + " org.apache.karaf:apache-karaf:" + version + ":tar.gz there (maven-dependency-plugin, phase"
                    + " pre-integration-test); it must be resolvable from a Maven repository");
        }
        deleteTree(workDir);
        Files.createDirectories(workDir);
        run(List.of("tar", "xzf", distribution.toString(), "-C", workDir.toString()), workDir, "unpacking " + distribution);
        Path home = workDir.resolve("apache-karaf-" + version);
        if (!Files.isRegularFile(home.resolve("bin/karaf"))) {
            throw new IllegalStateException(distribution + " did not unpack to " + home + " with a bin/karaf");
        }
        configure(home);
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("KARAF_DATA"); // the default, home/data: private to this run
        return new KarafInstance(home, pb.start());
    }

    private static void configure(Path home) throws IOException {
        Path etc = home.resolve("etc");
        append(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = " + freePort());
        append(etc.resolve("org.apache.karaf.management.cfg"),
                "rmiRegistryPort = " + freePort() + "\nrmiServerPort = " + freePort());
        // the distribution ships the admin user commented out; the client logs in as the first user listed
        append(etc.resolve("users.properties"),
                "karaf = karaf,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
    }

    /** Later keys win in Karaf's properties files, so appending overrides the shipped value. */
    private static void append(Path file, String lines) throws IOException {
        Files.writeString(file, "\n# lle-memory-itests-karaf\n" + lines + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Runs the command lines in one {@code bin/client -b} session; the client retries the connection once a
     * second for up to {@code connectSeconds} while Karaf starts.
     */
    ClientResult client(int connectSeconds, String... commandLines) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Karaf exited with " + process.exitValue() + "; console: " + console());
        }
        Path input = Files.createTempFile(home, "client-in", ".txt");
        Path output = Files.createTempFile(home, "client-out", ".txt");
        Files.writeString(input, String.join("\n", commandLines) + "\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-r",
                String.valueOf(connectSeconds), "-d", "1", "-b").directory(home.toFile())
                .redirectInput(input.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = pb.start();
        if (!client.waitFor(connectSeconds + 60L, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor();
            throw new IllegalStateException("bin/client did not finish " + List.of(commandLines) + ": "
                    + Files.readString(output));
        }
        return new ClientResult(client.exitValue(), Files.readString(output).replaceAll(ANSI, ""));
    }

    String console() {
        try {
            Path log = home.resolve("console.log");
            return Files.exists(log) ? Files.readString(log) : "(no console.log)";
        } catch (IOException e) {
            return "(console.log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks Karaf to shut down (SIGTERM runs its shutdown hook); kills it if it has not stopped in time. */
    @Override
    public void close() throws InterruptedException {
        // the JVM is the process itself (exec); any child it started is stopped the same way
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    }

    private static void run(List<String> command, Path dir, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed: " + command + " " + out);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot empty " + root, e);
                }
            }
        }
    }
}
