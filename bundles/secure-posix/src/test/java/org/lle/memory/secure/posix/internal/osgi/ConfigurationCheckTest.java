package org.lle.memory.secure.posix.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
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

    /** The check with the typed view SCR makes when the stored properties hold nothing else. */
    private static ConfigurationCheck.Outcome check(Map<String, ?> properties) {
        return ConfigurationCheck.check(typedView(Map.of()), properties);
    }

    /** A {@link PosixConfiguration} the way SCR builds one: the given attributes, else the annotation defaults. */
    private static PosixConfiguration typedView(Map<String, Object> attributes) {
        return (PosixConfiguration) Proxy.newProxyInstance(PosixConfiguration.class.getClassLoader(),
                new Class<?>[] {PosixConfiguration.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : method.getName().equals("equals") ? proxy == args[0] : "configuration";
                    }
                    Object value = attributes.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }

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
        ConfigurationCheck.Outcome outcome = check(properties);
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
        ConfigurationCheck.Outcome outcome = check(
                Map.of("strict", "x", "memfdSecret", "y", "chunkSize", -5, "disabled", 7));
        assertThat(outcome.problems()).hasSize(4);
    }

    @Test
    void goodValuesInEveryAcceptedFormAndAbsentOnesTakeTheDefaults() {
        assertThat(check(Map.of()).settings()).isEqualTo(PosixSettings.defaults());
        assertThat(check(Map.of("strict", " TRUE ", "memfdSecret", Boolean.TRUE,
                "chunkSize", " 16384 ", "disabled", "false", "service.pid", "x", "unknown", new Object())).settings())
                .isEqualTo(new PosixSettings(true, true, 16384, false));
        assertThat(check(Map.of("chunkSize", 67108864L)).settings().chunkSize())
                .isEqualTo(67108864);
        assertThat(check(Map.of("chunkSize", (short) 16384)).settings().chunkSize())
                .isEqualTo(16384);
    }

    @Test
    void absentAttributesAreReadFromTheTypedViewAndStoredOnesFromTheProperties() {
        PosixConfiguration typed = typedView(Map.of("strict", true, "chunkSize", 32768));
        assertThat(ConfigurationCheck.check(typed, Map.of()).settings())
                .isEqualTo(new PosixSettings(true, false, 32768, false));
        // the typed view of an unparsable boolean is false: the stored value decides, and is refused
        assertThat(ConfigurationCheck.check(typed, Map.of("strict", "yes")).problems()).hasSize(1);
        assertThat(ConfigurationCheck.check(typed, Map.of("chunkSize", 65536)).settings().chunkSize())
                .isEqualTo(65536);
    }

    @Test
    void arraysAreShownByTheirElements() {
        assertThat(ConfigurationCheck.render(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(ConfigurationCheck.render(new String[] {"a"})).isEqualTo("[a]");
    }
}
