package org.lle.memory.shell.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lle.memory.testsupport.DumpScan;

/**
 * A host running JLine hands its terminal to the secret prompt and gets it back: the secret, typed with edits,
 * arrives byte for byte, JLine reads the next line as before, the terminal's settings are JLine's again, and a heap
 * dump of the process holds the secret 0 times while the control, a line read with JLine's
 * {@code LineReader.readLine}, is in it.
 */
class JLineHandOverTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsAPseudoTerminal() {
        String script = Terminal.scriptTool();
        if (script == null) {
            System.out.println("SKIPPED JLineHandOverTest: no script(1) on the PATH, so no pseudo-terminal can be opened");
        }
        Assumptions.assumeTrue(script != null, "no script(1): no pseudo-terminal can be opened here");
    }

    @Test
    void jlineHandsTheTerminalOverAndGetsItBackAndOnlyItsOwnLineIsInTheHeap() throws Exception {
        String random = SecretPromptTerminalTest.random();
        String secret = SecretPromptTerminalTest.secret(random);
        String control = SecretPromptTerminalTest.secret(SecretPromptTerminalTest.random());
        try (Terminal t = Terminal.run(Terminal.java(SecretPromptTerminalTest.SMALL_JVM, JLineHandOverChild.class),
                Map.of())) {
            long pid = Long.parseLong(t.report("pid"));
            assertThat(t.report("terminal")).as("JLine's system terminal on the pty").isEqualTo("PosixSysTerminal");
            t.await("control> ", 0);
            t.type(control + "\r");
            String before = t.report("sttyBefore");
            t.await("secret> ", 0);
            t.type(SecretPromptTerminalTest.keys(random));
            assertThat(t.report("outcome")).isEqualTo("COMPLETED");
            assertThat(SecretPromptTerminalTest.unmask(t.report("pad"), t.report("masked"))).as("byte for byte")
                    .containsExactly(secret.getBytes(StandardCharsets.UTF_8));
            assertThat(t.report("sttyAfter")).as("JLine's settings, restored").isEqualTo(before);
            t.await("after> ", 0);
            t.type("back\r");
            assertThat(t.report("after")).as("JLine reads the terminal again").isEqualTo("back");
            t.report("held");

            Path file = dir.resolve("jline.hprof");
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_dump", "-all", file.toString()).redirectErrorStream(true).start();
            String log = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jcmd.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(jcmd.exitValue()).as(log).isZero();
            Map<String, long[]> counts = DumpScan.count(file, secret, control);
            Files.deleteIfExists(file);
            System.out.printf("JLine host heap dump: secret %d, control (JLine LineReader) %d%n", counts.get(secret)[0],
                    counts.get(control)[0]);
            assertThat(counts.get(secret)[0]).as("the secret typed through the hand-over, in the heap dump").isZero();
            assertThat(counts.get(control)[0]).as("control: the line JLine read is in the heap dump").isPositive();

            t.await("hold> ", 0);
            t.type("\r");
            t.report("done");
            assertThat(t.exitCode()).as(t.screen()).isZero();
            assertThat(t.screen()).doesNotContain(secret.substring(0, 12));
        }
    }
}
