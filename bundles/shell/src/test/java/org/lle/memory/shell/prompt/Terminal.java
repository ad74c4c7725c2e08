package org.lle.memory.shell.prompt;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command on a real pseudo-terminal: {@code script(1)} opens the pty, runs the command on its slave side and
 * copies what we write to its master (the keyboard) and what the command shows (the screen). Every wait has a
 * deadline; {@link #close()} kills what is left.
 */
final class Terminal implements AutoCloseable {
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern REPORT = Pattern.compile("@@([A-Za-z0-9.-]+)=([^\r\n]*)\r*\n");

    private final Process script;
    private final OutputStream keyboard;
    private final StringBuffer screen = new StringBuffer();
    private final Thread pump;

    private Terminal(Process script) {
        this.script = script;
        this.keyboard = script.getOutputStream();
        this.pump = new Thread(() -> copy(script.getInputStream()), "pty-screen-" + script.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** @return whether {@code script} is here; a test without it cannot open a pty and says so */
    static String scriptTool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "script");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Runs {@code shellCommand} (one line of sh) on a new pseudo-terminal. */
    static Terminal run(String shellCommand, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(scriptTool(), "-q", "-e", "-c", shellCommand, "/dev/null")
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new Terminal(builder.start());
    }

    /** @return a sh command line running a class of the test class path in a small JVM */
    static String java(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        StringBuilder line = new StringBuilder();
        for (String part : cmd) {
            line.append(line.length() == 0 ? "" : " ").append('\'').append(part.replace("'", "'\\''")).append('\'');
        }
        return line.toString();
    }

    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits until the screen shows {@code text} after {@code from}; @return the index just after it */
    int await(String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            int at = screen.indexOf(text, from);
            if (at >= 0) {
                return at + text.length();
            }
            if (System.nanoTime() > deadline || !script.isAlive() && screen.indexOf(text, from) < 0) {
                if (!script.isAlive()) {
                    pump.join(2_000);
                    at = screen.indexOf(text, from);
                    if (at >= 0) {
                        return at + text.length();
                    }
                }
                return fail("the terminal never showed '%s' (alive: %s); screen:%n%s", text, script.isAlive(), screen);
            }
            Thread.sleep(10);
        }
    }

    /** Waits for the report {@code @@key=value} and returns its value. */
    String report(String key) throws InterruptedException {
        await("@@" + key + "=", 0);
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = REPORT.matcher(screen);
            String value = null;
            while (m.find()) {
                if (m.group(1).equals(key)) {
                    value = m.group(2).trim();
                }
            }
            if (value != null) {
                return value;
            }
            Thread.sleep(10);
        }
        return fail("no complete report of %s; screen:%n%s", key, screen);
    }

    int exitCode() throws InterruptedException {
        if (!script.waitFor(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the terminal's command did not end; screen:%n%s", screen);
        }
        pump.join(5_000);
        return script.exitValue();
    }

    String screen() {
        return screen.toString();
    }

    /** {@code stty -g} of the pty, read from outside the process that uses it. */
    static String stty(String tty) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stty", "-g", "-F", tty).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("stty -g -F %s failed: %s", tty, out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        script.descendants().forEach(ProcessHandle::destroyForcibly);
        script.destroyForcibly();
        script.waitFor(10, TimeUnit.SECONDS);
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            screen.append("\n[screen read failed: ").append(e).append(']');
        }
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
