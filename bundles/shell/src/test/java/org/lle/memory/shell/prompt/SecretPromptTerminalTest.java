package org.lle.memory.shell.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.testsupport.DumpScan;

/**
 * The secret prompt on a real pseudo-terminal, typed at like a person types, then the same process examined from
 * outside: a heap dump ({@code jcmd GC.heap_dump -all}, unreachable objects included) and a {@code gcore} core dump.
 *
 * <p>One child JVM reads three secrets, each with edits, into lines on the POSIX provider, the no-op provider and
 * the broker (over POSIX), and keeps them open; then the control: a line of the same form read with
 * {@code BufferedReader.readLine}. Both dumps must hold the control and none of the three secrets in the heap, and
 * the POSIX and broker secrets not in the core (the no-op line is dumpable by design: its count in the core is a
 * second control, a typed secret held in plain memory is found). {@code stty -g} of the pty is the same before and
 * after every prompt, also after Ctrl-C, Escape, a timeout and an exception from inside the prompt, and differs
 * while a prompt runs (the control: the prompt did change the terminal, and stty sees it).
 */
class SecretPromptTerminalTest {
    static final List<String> SMALL_JVM = List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CompressedClassSpaceSize=16m", "-XX:ReservedCodeCacheSize=16m", "-XX:-CreateCoredumpOnCrash");
    private static final Duration DUMP_TIMEOUT = Duration.ofSeconds(120);
    private static final String LEFT = "\u001b[D";
    private static final String RIGHT = "\u001b[C";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsAPseudoTerminal() {
        String script = Terminal.scriptTool();
        if (script == null) {
            System.out.println("SKIPPED SecretPromptTerminalTest: no script(1) on the PATH, so no pseudo-terminal can be"
                    + " opened (Debian/Ubuntu package bsdutils or util-linux)");
        }
        Assumptions.assumeTrue(script != null, "no script(1): no pseudo-terminal can be opened here");
    }

    /** The secret every edit step ends with: "Grüß-" + random + "-€𝄞" (2-, 3- and 4-byte UTF-8). */
    static String secret(String random) {
        return "Gr\u00fc\u00df-" + random + "-\u20ac\uD834\uDD1E";
    }

    /**
     * Keys that type {@link #secret} with edits: a word killed with Ctrl-W, Backspace, a character inserted in the
     * middle after Home and Right arrows, Left and Backspace, Ctrl-E, Ctrl-K after Left arrows, Delete, Ctrl-U.
     */
    static String keys(String random) {
        return "Gr\u00df-" + random + " oops" + "\u0017" + "\u007f"      // Grß-<r>
                + "\u001b[H" + RIGHT + RIGHT + "\u00fc"                    // Grüß-<r>
                + "\u001b[F" + "-X\u20ac" + LEFT + "\u007f"                // Grüß-<r>-€ (X deleted)
                + "\u0005" + "\uD834\uDD1E"                                // ...-€𝄞
                + "tail" + LEFT + LEFT + LEFT + LEFT + "\u000b"            // tail killed
                + "Z" + LEFT + "\u001b[3~"                                 // Z deleted
                + "\u0001" + "QQ" + "\u0015"                               // QQ killed to the start
                + "\u001bOF" + "\r";                                       // End, Enter
    }

    @Test
    void typedSecretsWithEditsArriveByteForByteAndNeitherHeapNorCoreDumpHoldsThem() throws Exception {
        Map<String, String> randoms = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String step : List.of("edit-posix", "edit-noop", "edit-broker")) {
            randoms.put(step, random());
            secrets.put(step, secret(randoms.get(step)));
        }
        String control = secret(random());
        long started = System.nanoTime();
        try (Terminal t = Terminal.run(Terminal.java(SMALL_JVM, PromptProofChild.class, "edit-posix", "edit-noop",
                "edit-broker", "cancel", "escape", "timeout", "eof", "throw", "stop", "control", "hold"),
                Map.of("MALLOC_ARENA_MAX", "2"))) {
            long pid = Long.parseLong(t.report("pid"));
            String tty = t.report("tty");
            for (Map.Entry<String, String> e : secrets.entrySet()) {
                String step = e.getKey();
                t.await(step + "> ", 0);
                if (step.equals("edit-posix")) {
                    assertThat(Terminal.stty(tty)).as("control: while the prompt runs the terminal is in another mode")
                            .isNotEqualTo(t.report(step + ".sttyBefore"));
                }
                t.type(keys(randoms.get(step)));
                assertThat(t.report(step + ".outcome")).as(step).isEqualTo("COMPLETED");
                assertThat(unmask(t.report(step + ".pad"), t.report(step + ".masked"))).as(step + ": byte for byte")
                        .containsExactly(e.getValue().getBytes(StandardCharsets.UTF_8));
                assertThat(t.report(step + ".sttyAfter")).as(step).isEqualTo(t.report(step + ".sttyBefore"));
            }
            assertThat(t.report("edit-posix.locked")).isEqualTo("true");

            typeAndCheck(t, "cancel", "ab\u0003", "CANCELLED");
            typeAndCheck(t, "escape", "ab\u001b", "CANCELLED");
            typeAndCheck(t, "timeout", "ab", "TIMED_OUT");
            typeAndCheck(t, "eof", "\u0004", "END_OF_INPUT");
            typeAndCheck(t, "throw", "abcd", ThrowingLine.MESSAGE.replace(' ', '_'));
            typeAndCheck(t, "stop", "", "the_secret_prompt_service_stopped_while_reading");
            assertThat(t.report("stop.returned")).as("stop() waited for the prompt to return").isEqualTo("true");

            t.await("control> ", 0);
            t.type(control + "\r");
            t.report("control");
            t.report("held");
            System.out.printf("prompt steps on the pty: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            String[] texts = {secrets.get("edit-posix"), secrets.get("edit-noop"), secrets.get("edit-broker"), control};
            Map<String, long[]> heap = heapDump(pid, texts);
            Map<String, long[]> core = coreDump(pid, texts);
            for (String step : secrets.keySet()) {
                assertThat(heap.get(secrets.get(step))[0]).as(step + ": the typed secret in the heap dump").isZero();
            }
            assertThat(heap.get(control)[0]).as("control: the line read as a String is in the heap dump").isPositive();
            assertThat(core.get(secrets.get("edit-posix"))[0]).as("POSIX line's secret in the core dump").isZero();
            assertThat(core.get(secrets.get("edit-broker"))[0]).as("broker (over POSIX) line's secret in the core dump")
                    .isZero();
            assertThat(core.get(control)[0]).as("control: the String-read line is in the core dump").isPositive();
            assertThat(core.get(secrets.get("edit-noop"))[0])
                    .as("control: the no-op line holds its secret in plain (dumpable) memory, and the scan finds it")
                    .isPositive();

            t.await("hold> ", 0);
            t.type("\r");
            t.report("done");
            assertThat(t.exitCode()).as(t.screen()).isZero();
            for (String secret : secrets.values()) {
                assertThat(t.screen()).as("no typed secret is echoed").doesNotContain(secret.substring(0, 12));
            }
            assertThat(t.screen()).as("control: the terminal echoes the line read in its own mode").contains(control);
            assertThat(t.screen()).as("privileged: the key page is locked, no warning").doesNotContain("could not be locked");
        }
    }

    /**
     * Where JNA cannot load its native part (here: forbidden to unpack it and to look for it on the system), the
     * prompt falls back to the JDK console, says so in the log, and the secret still arrives in the line.
     */
    @Test
    void withoutTheTerminalCallsThePromptFallsBackToTheConsoleAndSaysSo() throws Exception {
        String expected = secret(random());
        List<String> noNativeAccess = new java.util.ArrayList<>(SMALL_JVM);
        noNativeAccess.addAll(List.of("-Djna.nounpack=true", "-Djna.nosys=true", "-Djna.boot.library.path=/nonexistent"));
        try (Terminal t = Terminal.run(Terminal.java(noNativeAccess, PromptProofChild.class, "fallback"), Map.of())) {
            t.await("fallback> ", 0);
            t.type(expected + "\r");
            assertThat(t.report("fallback.outcome")).isEqualTo("COMPLETED");
            assertThat(unmask(t.report("fallback.pad"), t.report("fallback.masked"))).as("byte for byte")
                    .containsExactly(expected.getBytes(StandardCharsets.UTF_8));
            assertThat(t.report("fallback.sttyAfter")).isEqualTo(t.report("fallback.sttyBefore"));
            t.report("done");
            assertThat(t.screen()).contains("the secret prompt falls back to java.io.Console")
                    .doesNotContain(expected.substring(0, 12));
        }
    }

    private static void typeAndCheck(Terminal t, String step, String keys, String outcome) throws Exception {
        t.await(step + "> ", 0);
        if (!keys.isEmpty()) {
            t.type(keys);
        }
        assertThat(t.report(step + ".outcome")).as(step).isEqualTo(outcome);
        assertThat(t.report(step + ".sttyAfter")).as(step + ": the terminal's settings after the prompt")
                .isEqualTo(t.report(step + ".sttyBefore"));
        assertThat(t.report(step + ".length")).as(step + ": the line was wiped").isEqualTo("0");
    }

    private Map<String, long[]> heapDump(long pid, String... texts) throws Exception {
        Path file = dir.resolve("heap.hprof");
        long started = System.nanoTime();
        run(dir.resolve("jcmd.log"), Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.heap_dump", "-all", file.toString());
        long dumped = System.nanoTime();
        try {
            Map<String, long[]> counts = DumpScan.count(file, texts);
            print("heap dump", file, started, dumped, counts, texts);
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Map<String, long[]> coreDump(long pid, String... texts) throws Exception {
        Path prefix = dir.resolve("core");
        Path file = dir.resolve("core." + pid);
        long started = System.nanoTime();
        try {
            run(dir.resolve("gcore.log"), "gcore", "-o", prefix.toString(), Long.toString(pid));
            long dumped = System.nanoTime();
            Map<String, long[]> counts = DumpScan.count(file, texts);
            print("core dump (gcore)", file, started, dumped, counts, texts);
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void print(String what, Path file, long started, long dumped, Map<String, long[]> counts,
            String[] texts) throws Exception {
        String[] names = {"posix", "noop", "broker", "control"};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            long[] c = counts.get(texts[i]);
            line.append(String.format(" %s %d (utf8 %d, utf16le %d, utf16be %d);", names[i], c[0], c[1], c[2], c[3]));
        }
        System.out.printf("%s: %d ms, %d MB, scanned in %d ms;%s%n", what,
                TimeUnit.NANOSECONDS.toMillis(dumped - started), Files.size(file) >> 20,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dumped), line);
    }

    private static void run(Path log, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(DUMP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as(String.join(" ", command)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    static byte[] unmask(String padHex, String maskedHex) {
        byte[] pad = HexFormat.of().parseHex(padHex);
        byte[] masked = HexFormat.of().parseHex(maskedHex);
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= pad[i];
        }
        return masked;
    }

    static String random() {
        return Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    }
}
