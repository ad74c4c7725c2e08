package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.line.PromptOutcome;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.line.SecretLines;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

class SecretInputTest {

    private static char[] line(String input) {
        return SecretInput.readLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsOneLineWithoutItsTerminator() {
        assertThat(line("hunter2\nnext line\n")).containsExactly("hunter2".toCharArray());
        assertThat(line("windows\r\n")).containsExactly("windows".toCharArray());
        assertThat(line("no newline at end")).containsExactly("no newline at end".toCharArray());
        assertThat(line("")).isEmpty();
    }

    @Test
    void decodesUtf8AcrossTheGrowthOfItsBuffer() {
        String long1 = "pässwörd-€-".repeat(20);
        assertThat(line(long1 + "\n")).containsExactly(long1.toCharArray());
    }

    @Test
    void refusesInvalidUtf8NamingIt() {
        byte[] invalid = {'a', (byte) 0xC3, '\n'}; // a lead byte with no continuation
        assertThatThrownBy(() -> SecretInput.readLine(new ByteArrayInputStream(invalid)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void refusesAnOverlongLine() {
        assertThatThrownBy(() -> line("x".repeat(70_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void theDemoValueGoesIntoTheLineWithoutAJavaCopy() throws Exception {
        try (SecretLine line = SecretLines.factory(new NoopSecureMemory()).create()) {
            SecretInput demo = SecretInput.demo();
            assertThat(demo.readInto(line)).isEqualTo(PromptOutcome.COMPLETED);
            assertThat(line.contentEquals("lle-demo-secret: correct horse battery staple".toCharArray())).isTrue();
            assertThat(demo.viaJavaCopy()).isFalse();
        }
    }

    @Test
    void withoutThePromptServiceALineOfInputGoesIntoTheLineAfterAWarning() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        SecretInput input = SecretInput.withoutPrompt(
                new ByteArrayInputStream("grüße €\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(screen, true));
        try (SecretLine line = SecretLines.factory(new NoopSecureMemory()).create()) {
            assertThat(input.readInto(line)).isEqualTo(PromptOutcome.COMPLETED);
            assertThat(line.contentEquals("grüße €".getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(input.viaJavaCopy()).isTrue();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("WARNING: no console");
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheProblem() {
        try (SecretLine line = SecretLines.factory(new NoopSecureMemory()).create()) {
            assertThatThrownBy(() -> SecretInput.insert(line, new char[] {'a', '\uD800'}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
        }
    }
}
