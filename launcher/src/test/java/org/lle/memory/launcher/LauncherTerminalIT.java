package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.testsupport.DumpScan;

/**
 * The launcher on a real terminal: {@code script} gives the child a pseudo-terminal, so the Gogo shell reads
 * commands from it with the terminal's echo, exactly as for a user, and {@code lle:secret} takes the terminal
 * over with the secret prompt. Then the launcher's JVM is examined from outside, a heap dump ({@code jcmd
 * GC.heap_dump -all}) and a core dump ({@code gcore}): neither holds the typed secret; the control, a line typed
 * at the Gogo shell (read as a String), is in both.
 */
class LauncherTerminalIT {
    private static final long STEP_TIMEOUT_MS = 60_000;
    private static final long DUMP_TIMEOUT_MS = 120_000;

    @TempDir
    Path dir;

    @Test
    void onATerminalTheSecretIsTypedWithoutEchoAndNeitherDumpHoldsIt() throws Exception {
        String secret = "tty-secret-" + Long.toHexString(System.nanoTime());
        String control = "tty-control-" + Long.toHexString(System.nanoTime() * 31);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -Xmx128m -XX:+UseSerialGC -XX:CompressedClassSpaceSize=32m"
                + " -XX:ReservedCodeCacheSize=32m -jar '" + LauncherProcess.jar() + "'";
        ProcessBuilder builder = new ProcessBuilder(LauncherProcess.tool("script"), "-q", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("MALLOC_ARENA_MAX", "2"));
        Process p = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = pump(p.getInputStream(), output);
        try (OutputStream keyboard = p.getOutputStream()) {
            await(output, "g! ", p, 0);
            type(keyboard, "lle:secret\n");
            int prompt = await(output, "Secret (not echoed): ", p, 0);
            type(keyboard, secret + "Q\u007f\r"); // a typo, Backspace, Enter (a raw terminal sends CR)
            int closed = await(output, "closed: the buffer and the line were wiped", p, prompt);
            type(keyboard, "echo " + control + "\n");
            int typed = await(output, control, p, closed); // the terminal's echo of the typed line
            await(output, control, p, typed); // what the echo command printed

            long pid = hostJvm(p);
            Map<String, long[]> heap = heapDump(pid, secret, control);
            Map<String, long[]> core = coreDump(pid, secret, control);
            assertThat(heap.get(secret)[0]).as("the typed secret in the heap dump").isZero();
            assertThat(heap.get(control)[0]).as("control: the line typed at the shell is in the heap dump").isPositive();
            assertThat(core.get(secret)[0]).as("the typed secret in the core dump").isZero();
            assertThat(core.get(control)[0]).as("control: the line typed at the shell is in the core dump").isPositive();

            type(keyboard, "exit 0\n");
            assertThat(p.waitFor(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS)).as(output.toString()).isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(STEP_TIMEOUT_MS);
        }
        String out = output.toString();
        // control: the terminal does echo typed input, so the secret's absence is the prompt at work
        assertThat(out).as(out).contains("lle:secret\r\n", "echo " + control);
        assertThat(out).contains("secret: " + secret.length() + " chars from the process's terminal",
                "no Java copy was made on the way", "proof locked: isLocked=");
        assertThat(out).doesNotContain(secret);
    }

    /** The JVM that runs the framework: the last java under script (on JDK 24+ the launcher runs itself again). */
    private static long hostJvm(Process script) {
        return script.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .max(Comparator.comparingLong(ProcessHandle::pid)).orElseThrow().pid();
    }

    private Map<String, long[]> heapDump(long pid, String... texts) throws Exception {
        Path file = dir.resolve("launcher.hprof");
        long started = System.nanoTime();
        run(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.heap_dump",
                "-all", file.toString());
        try {
            Map<String, long[]> counts = DumpScan.count(file, texts);
            System.out.printf("launcher heap dump: %d MB in %d ms with the scan; secret %d, control %d%n",
                    Files.size(file) >> 20, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    counts.get(texts[0])[0], counts.get(texts[1])[0]);
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Map<String, long[]> coreDump(long pid, String... texts) throws Exception {
        Path file = dir.resolve("core." + pid);
        long started = System.nanoTime();
        try {
            run(LauncherProcess.tool("gcore"), "-o", dir.resolve("core").toString(), Long.toString(pid));
            Map<String, long[]> counts = DumpScan.count(file, texts);
            System.out.printf("launcher core dump: %d MB in %d ms with the scan; secret %d, control %d%n",
                    Files.size(file) >> 20, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    counts.get(texts[0])[0], counts.get(texts[1])[0]);
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void run(String... command) throws Exception {
        Path log = dir.resolve("tool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(DUMP_TIMEOUT_MS, TimeUnit.MILLISECONDS)).as(String.join(" ", command)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private static void type(OutputStream keyboard, String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** @return the index just after {@code text}, searched from {@code from} */
    private static int await(StringBuffer output, String text, Process p, int from) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        int at;
        while ((at = output.indexOf(text, from)) < 0) {
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                throw new AssertionError("never saw '" + text + "' (alive: " + p.isAlive() + "):\n" + output);
            }
            Thread.sleep(20);
        }
        return at + text.length();
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                into.append("\n[read failed: ").append(e).append(']');
            }
        }, "launcher-terminal-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
