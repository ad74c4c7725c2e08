package org.lle.memory.internal.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.DataAmount;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

class EventDefinitionTest {

    @Test
    void theTypeHasTheDescribedNameLabelCategoryFieldsAndIsOffByDefault() {
        EventType type = EventDefinition.named("org.lle.memory.test.Made", "Made Event")
                .category("LLE Memory", "Test")
                .description("a test event")
                .stackTrace(false)
                .threshold("0 ms")
                .field(String.class, "what", "What")
                .bytes(long.class, "bytes", "Bytes")
                .factory().getEventType();
        assertThat(type.getName()).isEqualTo("org.lle.memory.test.Made");
        assertThat(type.getLabel()).isEqualTo("Made Event");
        assertThat(type.getCategoryNames()).containsExactly("LLE Memory", "Test");
        assertThat(type.getDescription()).isEqualTo("a test event");
        assertThat(type.isEnabled()).as("enabled without a recording").isFalse();
        Map<String, String> defaults = type.getSettingDescriptors().stream()
                .collect(Collectors.toMap(SettingDescriptor::getName, SettingDescriptor::getDefaultValue));
        assertThat(defaults).containsEntry("enabled", "false").containsEntry("stackTrace", "false")
                .containsEntry("threshold", "0 ms");
        List<ValueDescriptor> own = type.getFields().stream()
                .filter(f -> f.getName().equals("what") || f.getName().equals("bytes")).collect(Collectors.toList());
        assertThat(own).extracting(ValueDescriptor::getName).containsExactly("what", "bytes");
        assertThat(own).extracting(ValueDescriptor::getLabel).containsExactly("What", "Bytes");
        assertThat(own.get(0).getAnnotation(DataAmount.class)).isNull();
        assertThat(own.get(1).getAnnotation(DataAmount.class).value()).isEqualTo(DataAmount.BYTES);
    }

    @Test
    void theDegradationEventIsOneTypeWithItsThreeFields() {
        FlightRecorder.getFlightRecorder(); // JFR runs: the first record makes the type (off: nothing is written)
        DegradationEvent.record("p", "r", "s");
        EventType type = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().equals(DegradationEvent.NAME)).findFirst().orElseThrow();
        assertThat(FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().equals(DegradationEvent.NAME))).hasSize(1);
        assertThat(type.getLabel()).isEqualTo("Secure Memory Degradation");
        assertThat(type.getFields().stream().map(ValueDescriptor::getName).filter(n -> !n.startsWith("start")
                && !n.equals("duration") && !n.equals("eventThread") && !n.equals("stackTrace")))
                .containsExactly("provider", "reason", "source");
        assertThat(type.isEnabled()).isFalse();
    }
}
