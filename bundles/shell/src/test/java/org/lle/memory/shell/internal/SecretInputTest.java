package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
    void demoGivesAFreshCopyEachTime() {
        char[] a = SecretInput.demo().read();
        a[0] = 0;
        assertThat(SecretInput.demo().read()[0]).isNotEqualTo('\0');
    }

    @Test
    void utf8EncodingMatchesTheJdk() {
        String s = "grüße €";
        assertThat(SecretCommand.utf8(s.toCharArray())).containsExactly(s.getBytes(StandardCharsets.UTF_8));
    }
}
