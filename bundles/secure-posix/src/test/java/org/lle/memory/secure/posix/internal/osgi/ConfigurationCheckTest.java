package org.lle.memory.secure.posix.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lle.memory.secure.posix.internal.PosixSettings;

/** The configuration check alone: every attribute with every kind of bad value, and what it accepts. */
class ConfigurationCheckTest {

    static List<Arguments> badValues() {
        return List.of(Arguments.of("strict", "yes"), Arguments.of("strict", ""), Arguments.of("strict", 1),
                Arguments.of("strict", new String[] {"true"}), Arguments.of("memfdSecret", "on"),
                Arguments.of("memfdSecret", 0L), Arguments.of("disabled", "maybe"), Arguments.of("disabled", 1.0d),
                Arguments.of("chunkSize", 4096), Arguments.of("chunkSize", 16383), Arguments.of("chunkSize", 67108865),
                Arguments.of("chunkSize", -1), Arguments.of("chunkSize", 0), Arguments.of("chunkSize", Long.MAX_VALUE),
                Arguments.of("chunkSize", "abc"), Arguments.of("chunkSize", "4096"), Arguments.of("chunkSize", "1e9"),
                Arguments.of("chunkSize", 65536.0d), Arguments.of("chunkSize", true),
                Arguments.of("chunkSize", new int[] {65536}));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void everyBadValueIsRefusedWithTheAttributeTheValueAndWhatIsAllowed(String attribute, Object bad) {
        Map<String, Object> properties = new HashMap<>(Map.of("chunkSize", 32768, "strict", true));
        properties.put(attribute, bad);
        ConfigurationCheck.Outcome outcome = ConfigurationCheck.check(properties);
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.settings()).isNull();
        assertThat(outcome.problems()).hasSize(1).first().asString()
                .startsWith(attribute + "=" + ConfigurationCheck.render(bad) + " (")
                .contains("allowed");
        if (attribute.equals("chunkSize")) {
            assertThat(outcome.problems().get(0)).contains("16384..67108864");
        } else {
            assertThat(outcome.problems().get(0)).contains("true or false");
        }
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        ConfigurationCheck.Outcome outcome = ConfigurationCheck.check(
                Map.of("strict", "x", "memfdSecret", "y", "chunkSize", -5, "disabled", 7));
        assertThat(outcome.problems()).hasSize(4);
    }

    @Test
    void goodValuesInEveryAcceptedFormAndAbsentOnesTakeTheDefaults() {
        assertThat(ConfigurationCheck.check(Map.of()).settings()).isEqualTo(PosixSettings.defaults());
        assertThat(ConfigurationCheck.check(Map.of("strict", " TRUE ", "memfdSecret", Boolean.TRUE,
                "chunkSize", " 16384 ", "disabled", "false", "service.pid", "x", "unknown", new Object())).settings())
                .isEqualTo(new PosixSettings(true, true, 16384, false));
        assertThat(ConfigurationCheck.check(Map.of("chunkSize", 67108864L)).settings().chunkSize())
                .isEqualTo(67108864);
        assertThat(ConfigurationCheck.check(Map.of("chunkSize", (short) 16384)).settings().chunkSize())
                .isEqualTo(16384);
    }

    @Test
    void arraysAreShownByTheirElements() {
        assertThat(ConfigurationCheck.render(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(ConfigurationCheck.render(new String[] {"a"})).isEqualTo("[a]");
    }
}
