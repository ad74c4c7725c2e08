package org.lle.memory.launcher.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelaunchTest {

    @Test
    void onlyJdk24AndLaterRelaunchAndOnlyOnce() {
        assertThat(Relaunch.needed(17, false, List.of())).isFalse();
        assertThat(Relaunch.needed(23, false, List.of())).isFalse();
        assertThat(Relaunch.needed(24, false, List.of("-Xmx256m"))).isTrue();
        assertThat(Relaunch.needed(25, true, List.of())).as("the child itself").isFalse();
        assertThat(Relaunch.needed(25, false, List.of("--sun-misc-unsafe-memory-access=warn")))
                .as("the user chose a setting").isFalse();
    }

    @Test
    void theChildKeepsTheJvmOptionsAndArgumentsAndAddsOnlyTheNarrowOptions() {
        assertThat(Relaunch.command("/j/bin/java", List.of("-Xmx256m", "-Dx=y"), "/a/l.jar", new String[] {"--batch"}))
                .containsExactly("/j/bin/java", "-Xmx256m", "-Dx=y", "--sun-misc-unsafe-memory-access=allow",
                        "--enable-native-access=ALL-UNNAMED", "-Dlle.launcher.relaunched=true", "-cp", "/a/l.jar",
                        "org.lle.memory.launcher.Main", "--batch");
    }
}
