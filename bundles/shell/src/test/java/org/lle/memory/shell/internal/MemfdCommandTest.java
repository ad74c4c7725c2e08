package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class MemfdCommandTest {

    @Test
    void acceptsOnOffTrueFalseInAnyCase() {
        assertThat(MemfdCommand.parse("on")).isTrue();
        assertThat(MemfdCommand.parse("TRUE")).isTrue();
        assertThat(MemfdCommand.parse("Off")).isFalse();
        assertThat(MemfdCommand.parse("false")).isFalse();
    }

    @Test
    void anythingElseIsNamed() {
        assertThatThrownBy(() -> MemfdCommand.parse("maybe")).hasMessage("lle:memfd takes on or off, got 'maybe'");
        assertThatThrownBy(() -> MemfdCommand.parse(null)).hasMessage("lle:memfd takes on or off, got 'null'");
    }

    @Test
    void withoutConfigAdminItSaysWhatIsMissing() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> new MemfdCommand(null, new RegisteredProviders()).run("on", out))
                .hasMessageContaining("no ConfigurationAdmin service");
    }
}
