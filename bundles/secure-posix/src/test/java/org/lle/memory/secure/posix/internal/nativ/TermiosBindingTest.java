package org.lle.memory.secure.posix.internal.nativ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** As libc's: after the prompt service released the terminal binding, a call is refused, never made into freed stubs. */
class TermiosBindingTest {

    @AfterEach
    void bindAgain() {
        Termios.bind();
    }

    @Test
    void aCallAfterUnbindIsRefusedAndWorksAgainAfterBind() {
        int fd = Termios.open("/dev/null", Termios.O_RDWR);
        assertThat(fd).as("control: bound").isNotNegative();
        assertThat(Termios.isatty(fd)).as("/dev/null is not a terminal").isFalse();

        Termios.unbind();
        assertThatThrownBy(() -> Termios.isatty(fd)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminal binding was released");

        Termios.bind();
        assertThat(Termios.close(fd)).isZero();
    }

    @Test
    void termiosCallsOnANonTerminalFailWithErrnoAndAShortBufferIsRefused() {
        int fd = Termios.open("/dev/null", Termios.O_RDWR);
        try {
            assertThat(Termios.tcgetattr(fd, new byte[Termios.TERMIOS_SIZE])).isEqualTo(-1);
            assertThat(Termios.errno()).as("ENOTTY").isEqualTo(25);
            assertThatThrownBy(() -> Termios.tcgetattr(fd, new byte[8])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("64 bytes, got 8");
        } finally {
            Termios.close(fd);
        }
    }
}
