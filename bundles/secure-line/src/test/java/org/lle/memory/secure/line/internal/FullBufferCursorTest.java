package org.lle.memory.secure.line.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lle.memory.secure.line.SecretLine;
import org.lle.memory.secure.noop.internal.NoopSecureMemory;

/**
 * The cursor crossing characters while the buffer is exactly full (no gap). Found by the model test: moving
 * left over the last character of a full 64-byte buffer wiped it.
 */
class FullBufferCursorTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u00e9", "\u3000", "\ud83d\ude00"})
    void movingOverEveryCharacterOfAFullBufferKeepsTheText(String last) {
        int lastBytes = last.getBytes(StandardCharsets.UTF_8).length;
        String text = "a".repeat(GapBufferSecretLine.INITIAL_CAPACITY - lastBytes) + last;
        try (SecretLine line = new SecureMemorySecretLineFactory(new NoopSecureMemory(), 1024).create()) {
            text.codePoints().forEach(line::insert);
            assertThat(line.byteLength()).isEqualTo(GapBufferSecretLine.INITIAL_CAPACITY);
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                assertThat(line.left()).isTrue();
                assertThat(line.contentEquals(expected)).as("after %d left", i + 1).isTrue();
            }
            while (line.right()) {
                assertThat(line.contentEquals(expected)).as("moving right").isTrue();
            }
            line.home();
            assertThat(line.contentEquals(expected)).as("at home").isTrue();
        }
    }
}
