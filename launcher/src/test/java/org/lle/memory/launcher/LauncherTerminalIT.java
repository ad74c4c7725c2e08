package org.lle.memory.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher on a real terminal: {@code script} gives the child a pseudo-terminal, so System.console()
 * exists and the terminal echoes what is typed, exactly as for a user.
 */
class LauncherTerminalIT {
    private static final long STEP_TIMEOUT_MS = 60_000;

    @Test
    void onATerminalTheSecretIsReadWithoutEchoWhileCommandsAreEchoed() throws Exception {
        String secret = "tty-secret-" + Long.toHexString(System.nanoTime());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -Xmx256m -jar '" + LauncherProcess.jar() + "'";
        Process p = new ProcessBuilder(LauncherProcess.tool("script"), "-q", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread reader = pump(p.getInputStream(), output);
        try (OutputStream keyboard = p.getOutputStream()) {
            await(output, "g! ", p);
            type(keyboard, "lle:secret\n");
            await(output, "Secret (not echoed): ", p);
            type(keyboard, secret + "\n");
            await(output, "closed: the buffer was wiped", p);
            type(keyboard, "exit 0\n");
            assertThat(p.waitFor(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS)).as(output.toString()).isTrue();
        } finally {
            p.destroyForcibly();
            reader.join(STEP_TIMEOUT_MS);
        }
        String out = output.toString();
        // control: the terminal does echo typed input, so the secret's absence is the no-echo read at work
        assertThat(out).as(out).contains("lle:secret\r\n");
        assertThat(out).contains("secret: " + secret.length() + " chars from the console, without echo",
                "proof locked: isLocked=");
        assertThat(out).doesNotContain(secret);
    }

    private static void type(OutputStream keyboard, String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void await(StringBuffer output, String text, Process p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        while (output.indexOf(text) < 0) {
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                throw new AssertionError("never saw '" + text + "' (alive: " + p.isAlive() + "):\n" + output);
            }
            Thread.sleep(20);
        }
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
