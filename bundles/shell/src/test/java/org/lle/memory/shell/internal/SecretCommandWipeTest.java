package org.lle.memory.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lle.memory.secure.SecureResult;
import org.lle.memory.secure.broker.internal.HotSwapBroker;
import org.lle.memory.secure.testkit.RecordingSecureMemory;

/** The Java copies of a secret are wiped on every way out of {@code lle:secret}, whatever the provider says. */
class SecretCommandWipeTest {

    @Test
    void copiesAreWipedWhenTheProviderWentAwayAndAnswersInsteadOfThrowing() {
        HotSwapBroker withoutProvider = new HotSwapBroker();
        char[] chars = "hunter2".toCharArray();
        byte[] bytes = "hunter2".getBytes(StandardCharsets.US_ASCII);
        assertThat(withoutProvider.secureClear(new byte[1])).as("control: the broker refuses, it does not throw")
                .isEqualTo(SecureResult.FEATURE_NOT_AVAILABLE);

        SecretCommand.wipeQuietly(withoutProvider, chars, bytes);

        assertThat(chars).containsOnly('\0');
        assertThat(bytes).containsOnly(0);
    }

    @Test
    void copiesAreWipedByAWorkingProvider() {
        char[] chars = "hunter2".toCharArray();
        byte[] bytes = "hunter2".getBytes(StandardCharsets.US_ASCII);
        SecretCommand.wipeQuietly(new RecordingSecureMemory("r"), chars, null);
        SecretCommand.wipeQuietly(new RecordingSecureMemory("r"), new char[0], bytes);
        assertThat(chars).containsOnly('\0');
        assertThat(bytes).containsOnly(0);
    }

    @Test
    void utf8OfNonAsciiNeedsMoreRoomThanTheFirstGuessAndStillMatchesTheJdk() {
        String s = "€".repeat(40); // 3 bytes a char: beyond the encoder's 1.1 bytes-per-char first guess
        assertThat(SecretCommand.utf8(s.toCharArray())).containsExactly(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void utf8RefusesALoneSurrogateNamingTheProblem() {
        assertThatThrownBy(() -> SecretCommand.utf8(new char[] {'a', '\uD800'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
    }
}
