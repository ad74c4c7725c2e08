package org.lle.memory.launcher.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void noArgumentsMeansInteractiveWithDefaults() {
        Options o = Options.parse();
        assertThat(o.batch()).isFalse();
        assertThat(o.help()).isFalse();
        assertThat(o.posixDisabled()).isFalse();
        assertThat(o.swaps()).isEqualTo(Options.DEFAULT_SWAPS);
        assertThat(o.timeoutSeconds()).isEqualTo(Options.DEFAULT_TIMEOUT_SECONDS);
        assertThat(o.bundleDir()).isNull();
    }

    @Test
    void everyOptionIsParsed() {
        Options o = Options.parse("--batch", "--no-posix", "--secret-from-stdin", "--strict", "--swaps", "7",
                "--timeout", "9", "--bundles", "/x/b", "--memfd-secret", "--soak", "30", "--soak-csv", "/tmp/s.csv");
        assertThat(o).isEqualTo(new Options(true, false, true, true, 7, true, true, Path.of("/x/b"), 9, 30,
                Path.of("/tmp/s.csv")));
        assertThat(Options.parse("-h").help()).isTrue();
        assertThat(Options.parse("--help").help()).isTrue();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Options.parse("--bogus")).hasMessage("unknown option '--bogus'");
        assertThatThrownBy(() -> Options.parse("--swaps")).hasMessage("option --swaps needs a value");
        assertThatThrownBy(() -> Options.parse("--swaps", "x")).hasMessage("option --swaps needs a number, got 'x'");
        assertThatThrownBy(() -> Options.parse("--swaps", "0")).hasMessage("option --swaps must be in 1..1000, got 0");
        assertThatThrownBy(() -> Options.parse("--timeout", "601")).hasMessage("option --timeout must be in 1..600, got 601");
    }

    @Test
    void usageListsEveryOptionAndCommand() {
        String usage = Options.usage();
        for (String s : new String[] {"--batch", "--swaps", "--secret-from-stdin", "--no-posix", "--strict", "--bundles",
            "--timeout", "--help", "--memfd-secret", "--soak", "--soak-csv", "lle:memfd", "lle:status", "lle:doctor", "lle:pools", "lle:secret", "lle:swap"}) {
            assertThat(usage).contains(s);
        }
    }

    @Test
    void batchRunsEveryCommandAndTheSecretSourceFollowsTheOption() {
        assertThat(BatchDemo.commands(Options.parse("--batch", "--swaps", "2")))
                .containsExactly("lle:doctor", "lle:pools --exercise 256", "lle:secret --demo", "lle:swap --count 2", "lle:status");
        assertThat(BatchDemo.commands(Options.parse("--batch", "--secret-from-stdin"))).contains("lle:secret");
    }

    @Test
    void soakRunsTheSoakCommandInsteadOfTheDemo() {
        assertThat(BatchDemo.commands(Options.parse("--soak", "12", "--soak-csv", "out/s.csv")))
                .containsExactly("lle:soak --seconds 12 --csv 'out/s.csv'", "lle:status");
        assertThat(Options.parse("--soak", "12").batch()).as("a soak ends by itself, like the batch demo").isTrue();
        assertThatThrownBy(() -> Options.parse("--soak", "0")).hasMessage("option --soak must be in 1..86400, got 0");
    }
}
