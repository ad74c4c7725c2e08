package org.lle.memory.shell.prompt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLines;
import org.lle.memory.secure.line.SecretPrompt;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;
import org.lle.memory.secure.posix.internal.PosixSecureMemoryProvider;

/**
 * Runs on a pseudo-terminal (under {@code script}) and reads secrets with the real prompt, found the way a
 * plain-classpath host finds it ({@link ServiceLoader}). Each argument is one step; before each prompt it
 * reports the terminal's settings as {@code stty -g} sees them, after it the outcome, the settings again and
 * the line's bytes XORed with a random pad (so the test can check them byte for byte while no copy of the
 * secret is ever made here). Reports are {@code @@key=value} lines on the terminal.
 *
 * <p>Steps: {@code edit-posix|edit-noop|edit-broker} (kept open until the end), {@code cancel},
 * {@code timeout}, {@code throw} (the line throws from inside the prompt), {@code control} (a line read with
 * {@link BufferedReader#readLine()}, the String-based way), {@code hold} (reports the pid and waits for a
 * line), {@code wait} (a prompt that only waits: for a signal from outside).
 */
public final class PromptProofChild {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<Object> KEPT = new ArrayList<>();

    private PromptProofChild() {
    }

    public static void main(String[] args) throws Exception {
        SecretPrompt prompt = ServiceLoader.load(SecretPrompt.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SecretPrompt on the class path"));
        report("pid", ProcessHandle.current().pid());
        report("tty", java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0")));
        BufferedReader lines = null;
        for (String step : args) {
            SecureMemory posix = step.equals("fallback") ? null : Posix.MEMORY;
            switch (step) {
                case "edit-posix" -> edit(prompt, posix, step);
                case "edit-noop" -> edit(prompt, new NoopSecureMemory(), step);
                case "edit-broker" -> {
                    HotSwapBroker broker = new HotSwapBroker();
                    broker.bind(posix);
                    KEPT.add(broker);
                    edit(prompt, broker, step);
                }
                case "cancel", "escape", "eof" -> once(prompt, posix, step, PromptOptions.defaults());
                case "timeout" -> once(prompt, posix, step, PromptOptions.defaults().withTimeout(Duration.ofMillis(1500)));
                case "throw" -> throwing(prompt, posix);
                case "wait" -> once(prompt, posix, step, PromptOptions.defaults());
                case "fallback" -> edit(prompt, new NoopSecureMemory(), step);
                case "stop" -> stopped(posix);
                case "control" -> {
                    lines = lines != null ? lines : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    System.out.print("control> ");
                    System.out.flush();
                    KEPT.add(lines.readLine()); // the String-based way: the text is on the heap now
                    report("control", "read");
                }
                case "hold" -> {
                    lines = lines != null ? lines : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    report("held", "yes");
                    System.out.print("hold> ");
                    System.out.flush();
                    lines.readLine();
                }
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        }
        for (Object kept : KEPT) {
            if (kept instanceof SecretLine line) {
                line.close();
            }
        }
        report("done", "yes");
    }

    private static void edit(SecretPrompt prompt, SecureMemory memory, String step) throws Exception {
        SecretLine line = SecretLines.factory(memory).create();
        KEPT.add(line); // held, not closed: the dumps look for the secret while it is in the line
        report(step + ".sttyBefore", stty());
        PromptOutcome outcome = prompt.read(line, PromptOptions.defaults().withPrompt(step + "> "));
        report(step + ".sttyAfter", stty());
        report(step + ".outcome", outcome);
        report(step + ".locked", line.isLocked());
        reportMasked(step, memory, line);
    }

    private static void once(SecretPrompt prompt, SecureMemory memory, String step, PromptOptions options)
            throws Exception {
        try (SecretLine line = SecretLines.factory(memory).create()) {
            report(step + ".sttyBefore", stty());
            PromptOutcome outcome = prompt.read(line, options.withPrompt(step + "> "));
            report(step + ".sttyAfter", stty());
            report(step + ".outcome", outcome);
            report(step + ".length", line.byteLength());
        }
    }

    /** The service goes away while its prompt waits for keys (a bundle stop): the prompt ends, all restored. */
    private static void stopped(SecureMemory memory) throws Exception {
        org.lle.memory.secure.posix.internal.prompt.PosixSecretPrompt own =
                new org.lle.memory.secure.posix.internal.prompt.PosixSecretPrompt();
        try (SecretLine line = SecretLines.factory(memory).create()) {
            report("stop.sttyBefore", stty());
            Thread stopper = new Thread(() -> {
                java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L); // whenever it comes, the outcome is the same
                report("stop.returned", own.stop());
            });
            stopper.start();
            try {
                own.read(line, PromptOptions.defaults().withPrompt("stop> "));
                report("stop.outcome", "no exception");
            } catch (java.io.IOException expected) {
                report("stop.outcome", expected.getMessage().replace(' ', '_'));
            }
            stopper.join();
            report("stop.sttyAfter", stty());
            report("stop.length", line.byteLength());
        }
    }

    private static void throwing(SecretPrompt prompt, SecureMemory memory) throws Exception {
        try (SecretLine real = SecretLines.factory(memory).create()) {
            SecretLine line = new ThrowingLine(real, 3);
            report("throw.sttyBefore", stty());
            try {
                prompt.read(line, PromptOptions.defaults().withPrompt("throw> "));
                report("throw.outcome", "no exception");
            } catch (IllegalStateException expected) {
                report("throw.outcome", expected.getMessage().replace(' ', '_'));
            }
            report("throw.sttyAfter", stty());
            report("throw.length", real.byteLength());
        }
    }

    /** Loaded on first use: a child without native access never touches the POSIX provider. */
    private static final class Posix {
        static final SecureMemory MEMORY = new PosixSecureMemoryProvider().get();
    }

    /** The line's UTF-8 XOR a random pad, read byte by byte out of a secure buffer: no copy of the secret. */
    private static void reportMasked(String step, SecureMemory memory, SecretLine line) {
        int n = line.byteLength();
        if (n == 0) {
            report(step + ".pad", "");
            report(step + ".masked", "");
            return;
        }
        byte[] pad = new byte[n];
        RANDOM.nextBytes(pad);
        byte[] masked = new byte[n];
        try (SecureBuffer copy = memory.allocate(n)) {
            line.copyTo(copy, 0);
            for (int i = 0; i < n; i++) {
                masked[i] = (byte) (copy.get(i) ^ pad[i]);
            }
        }
        report(step + ".pad", HexFormat.of().formatHex(pad));
        report(step + ".masked", HexFormat.of().formatHex(masked));
    }

    /** {@code stty -g} of this process's terminal (its standard input), run as a separate process. */
    private static String stty() throws Exception {
        Process p = new ProcessBuilder("stty", "-g").redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return out;
    }

    private static void report(String key, Object value) {
        System.out.print("\r\n@@" + key + "=" + value + "\r\n");
        System.out.flush();
    }
}
