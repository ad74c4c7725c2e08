package org.lle.memory.secure.posix.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the terminal is sent: masks and cursor moves that follow the line's length and cursor, never more. */
class MaskEchoTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private String shown() {
        String s = screen.toString(StandardCharsets.UTF_8);
        screen.reset();
        return s;
    }

    @Test
    void typingAtTheEndAddsOneMaskPerCodePoint() throws Exception {
        MaskEcho echo = new MaskEcho(PromptOutput.toStream(screen), '●');
        echo.show(1, 1);
        echo.show(2, 2);
        assertThat(shown()).isEqualTo("●●");
    }

    @Test
    void cursorMovesAreAnsiMovesAndAnInsertInTheMiddleRedrawsFromTheStart() throws Exception {
        MaskEcho echo = new MaskEcho(PromptOutput.toStream(screen), '*');
        echo.show(1, 1);
        echo.show(2, 2);
        echo.show(3, 3);
        shown();
        echo.show(3, 1);
        assertThat(shown()).isEqualTo("\u001b[2D");
        echo.show(4, 2); // inserted after the first
        assertThat(shown()).isEqualTo("\u001b[1D****\u001b[K\u001b[2D");
        echo.show(0, 0); // killed everything
        assertThat(shown()).isEqualTo("\u001b[2D\u001b[K");
    }

    @Test
    void noEchoShowsNothingButTheBellIsAlsoSilent() throws Exception {
        MaskEcho echo = new MaskEcho(PromptOutput.toStream(screen), 0);
        echo.show(1, 1);
        echo.show(1, 0);
        echo.beep();
        assertThat(screen.size()).isZero();
    }
}
