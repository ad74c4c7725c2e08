package org.lle.memory.shell.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.line.PromptOptions;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLines;
import org.lle.memory.secure.line.SecretPrompt;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/**
 * The prompt without a terminal: a session's streams (a remote shell), and standard input as a pipe in a process
 * that has no controlling terminal. The same keys work; the session variant warns about its stream's buffers.
 */
class SecretPromptStreamTest {
    private final SecretPrompt prompt = ServiceLoader.load(SecretPrompt.class).findFirst().orElseThrow();

    private static SecretLine line() {
        return SecretLines.factory(new NoopSecureMemory()).create();
    }

    @Test
    void aSessionStreamIsEditedWithTheSameKeysAndTheSessionIsWarnedAboutItsBuffers() throws Exception {
        String random = SecretPromptTerminalTest.random();
        String expected = SecretPromptTerminalTest.secret(random);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (SecretLine line = line()) {
            PromptOutcome outcome = prompt.read(line, PromptOptions.defaults().withPrompt("pass> "),
                    new ByteArrayInputStream(SecretPromptTerminalTest.keys(random).getBytes(StandardCharsets.UTF_8)),
                    screen);
            assertThat(outcome).isEqualTo(PromptOutcome.COMPLETED);
            assertThat(line.contentEquals(expected.getBytes(StandardCharsets.UTF_8))).as("byte for byte").isTrue();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("WARNING: this session has no terminal of its own", "stream buffers", "pass> ", "*")
                .doesNotContain(random);
    }

    @Test
    void aKeyTheLineRefusesRingsTheBellAndCtrlDDeletesUnderTheCursorOfANonEmptyLine() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (SecretLine line = SecretLines.factory(new NoopSecureMemory()).create(3)) {
            // full at "abc": "d" refused; Left, Left, Ctrl-D deletes the "b"
            PromptOutcome outcome = prompt.read(line, PromptOptions.defaults(), new ByteArrayInputStream(
                    "abcd\u001b[D\u001b[D\u0004\r".getBytes(StandardCharsets.US_ASCII)), screen);
            assertThat(outcome).isEqualTo(PromptOutcome.COMPLETED);
            assertThat(line.contentEquals("ac".toCharArray())).isTrue();
        }
        assertThat(screen.toByteArray()).as("the bell").contains((byte) 0x07);
    }

    @Test
    void escapeAtTheEndOfAStreamCancelsAndWipes() throws Exception {
        try (SecretLine line = line()) {
            PromptOutcome outcome = prompt.read(line, PromptOptions.defaults(),
                    new ByteArrayInputStream("abc\u001b".getBytes(StandardCharsets.US_ASCII)), new ByteArrayOutputStream());
            assertThat(outcome).isEqualTo(PromptOutcome.CANCELLED);
            assertThat(line.byteLength()).isZero();
        }
    }

    @Test
    void theEndOfAStreamCompletesWhatWasTypedOrEndsTheInputWhenNothingWas() throws Exception {
        try (SecretLine line = line()) {
            assertThat(prompt.read(line, PromptOptions.defaults(),
                    new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), new ByteArrayOutputStream()))
                    .isEqualTo(PromptOutcome.COMPLETED);
            assertThat(line.contentEquals("abc".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(prompt.read(line, PromptOptions.defaults(), new ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream())).as("the line is emptied first").isEqualTo(PromptOutcome.END_OF_INPUT);
            assertThat(line.byteLength()).isZero();
        }
    }

    @Test
    void aStreamThatSendsNothingTimesOutAndTheLineIsWiped() throws Exception {
        try (PipedOutputStream keyboard = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(keyboard);
                SecretLine line = line()) {
            keyboard.write("ab".getBytes(StandardCharsets.US_ASCII));
            keyboard.flush();
            long started = System.nanoTime();
            PromptOutcome outcome = prompt.read(line,
                    PromptOptions.defaults().withTimeout(Duration.ofMillis(300)), in, new ByteArrayOutputStream());
            assertThat(outcome).isEqualTo(PromptOutcome.TIMED_OUT);
            assertThat(System.nanoTime() - started).as("not before the timeout").isGreaterThanOrEqualTo(300_000_000L);
            assertThat(line.byteLength()).isZero();
        }
    }

    /**
     * Standard input a pipe, and no controlling terminal ({@code setsid}): the prompt reads the pipe with the same
     * keys (the edits of the terminal test) and shows nothing. Run without CAP_IPC_LOCK and with a lock limit of 0,
     * the page the keys arrive in cannot be locked: the prompt goes on and says so in the log (the privileged
     * terminal test, whose screen has no such warning, is the control).
     */
    @Test
    void aPipeOnStandardInputWithoutATerminalIsReadTheSameWay() throws Exception {
        String random = SecretPromptTerminalTest.random();
        List<String> cmd = new ArrayList<>(List.of("prlimit", "--memlock=0:0", "setpriv", "--bounding-set", "-ipc_lock",
                "--inh-caps", "-ipc_lock", "setsid", "-w", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(SecretPromptTerminalTest.SMALL_JVM);
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PromptProofChild.class.getName(), "edit-posix"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(SecretPromptTerminalTest.keys(random).getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("@@tty=pipe:", "@@edit-posix.outcome=COMPLETED").doesNotContain("edit-posix> ", "*");
            assertThat(out).contains("the page typed keys arrive in could not be locked (lock limit)");
            String pad = value(out, "edit-posix.pad");
            String masked = value(out, "edit-posix.masked");
            assertThat(SecretPromptTerminalTest.unmask(pad, masked))
                    .containsExactly(SecretPromptTerminalTest.secret(random).getBytes(StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String value(String out, String key) {
        int at = out.indexOf("@@" + key + "=");
        assertThat(at).as(out).isNotNegative();
        int start = at + key.length() + 3;
        int end = start;
        while (end < out.length() && out.charAt(end) != '\r' && out.charAt(end) != '\n') {
            end++;
        }
        return out.substring(start, end);
    }
}
