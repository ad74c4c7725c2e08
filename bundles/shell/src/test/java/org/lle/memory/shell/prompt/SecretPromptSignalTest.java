package org.lle.memory.shell.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.testsupport.KernelStatus;

/**
 * A signal from outside while the prompt holds the terminal in raw mode (in raw mode Ctrl-C is a byte, so
 * SIGINT, SIGTERM and SIGHUP can only come from another process): the JVM exits and the terminal is back in its old
 * settings, as the shell on the same pty sees them with {@code stty -g} before and after the JVM. The control is
 * SIGKILL, which no process can catch: after it the terminal stays in the prompt's mode, and the same check sees
 * the difference.
 */
class SecretPromptSignalTest {

    @BeforeAll
    static void needsAPseudoTerminal() {
        String script = Terminal.scriptTool();
        if (script == null) {
            System.out.println("SKIPPED SecretPromptSignalTest: no script(1) on the PATH, so no pseudo-terminal can be"
                    + " opened (Debian/Ubuntu package bsdutils or util-linux)");
        }
        Assumptions.assumeTrue(script != null, "no script(1): no pseudo-terminal can be opened here");
    }

    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "TERM", 15, "KILL", 9);

    /** @return whether the build's own process ignores {@code signal}: an ignored signal stays ignored in children */
    private static boolean ignoredByTheBuild(String signal) {
        return (KernelStatus.ignoredSignals() & (1L << (NUMBERS.get(signal) - 1))) != 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP", "KILL"})
    void aSignalDuringThePromptLeavesTheTerminalAsItWasUnlessItIsUncatchable(String signal) throws Exception {
        if (ignoredByTheBuild(signal)) {
            // nohup ignores SIGHUP; a shell without job control starts background jobs with SIGINT ignored. The
            // prompt's JVM inherits that and rightly keeps running, so this case cannot be shown here.
            System.out.println("SKIPPED SecretPromptSignalTest SIG" + signal + ": this build runs with SIG" + signal
                    + " ignored (nohup, or a background job of a shell without job control), which the prompt's JVM"
                    + " inherits, so the signal does not end it");
            Assumptions.assumeFalse(true, "SIG" + signal + " is ignored by the build's process and every child");
        }
        String java = Terminal.java(SecretPromptTerminalTest.SMALL_JVM, PromptProofChild.class, "wait");
        String command = "echo \"@@outerBefore=$(stty -g)\"; " + java + "; echo \"@@outerAfter=$(stty -g)\"";
        try (Terminal t = Terminal.run(command, Map.of())) {
            String before = t.report("outerBefore");
            long pid = Long.parseLong(t.report("pid"));
            String tty = t.report("tty");
            t.await("wait> ", 0);
            t.type("ab");
            String during = Terminal.stty(tty);
            assertThat(during).as("control: the prompt has the terminal in its own mode").isNotEqualTo(before);

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();

            String after = t.report("outerAfter");
            if (signal.equals("KILL")) {
                assertThat(after).as("control: SIGKILL cannot be caught, the terminal stays raw, and stty sees it")
                        .isEqualTo(during).isNotEqualTo(before);
            } else {
                assertThat(after).as("SIG" + signal + ": the terminal's settings after the JVM exited").isEqualTo(before);
            }
            t.exitCode();
        }
    }
}
