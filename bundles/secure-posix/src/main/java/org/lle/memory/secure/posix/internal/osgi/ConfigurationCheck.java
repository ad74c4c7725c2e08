package org.lle.memory.secure.posix.internal.osgi;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.lle.memory.secure.posix.internal.PosixSettings;

/**
 * Checks the configuration of PID {@code org.lle.memory.secure.posix} against the metatype before anything
 * is built from it. Config Admin stores whatever it is given, and SCR's typed view hides bad values: an
 * unparsable number makes the annotation method throw ComponentException, an unparsable boolean silently
 * becomes {@code false}, and a number out of the metatype's range passes untouched. So each attribute is read
 * from the raw properties when they hold it, and from the typed {@link PosixConfiguration} only otherwise (its
 * annotation defaults); a configuration with any invalid attribute is refused as a whole.
 *
 * <p>Accepted: booleans as {@link Boolean} or the strings {@code true}/{@code false} (any case, trimmed);
 * {@code chunkSize} as {@link Integer}, {@link Long}, {@link Short} or {@link Byte}, or a string holding a
 * whole number, inside {@value PosixSettings#MIN_CHUNK_SIZE}..{@value PosixSettings#MAX_CHUNK_SIZE}. Absent
 * attributes take their defaults; attributes this component does not know are ignored.
 */
final class ConfigurationCheck {
    static final String STRICT = "strict";
    static final String MEMFD_SECRET = "memfdSecret";
    static final String CHUNK_SIZE = "chunkSize";
    static final String DISABLED = "disabled";

    private static final String BOOLEAN_ALLOWED = "allowed: true or false (a Boolean or the String \"true\"/\"false\")";
    private static final String CHUNK_ALLOWED = "allowed: a whole number of bytes in " + PosixSettings.MIN_CHUNK_SIZE
            + ".." + PosixSettings.MAX_CHUNK_SIZE + " (an Integer, a Long or a String of digits)";

    /** @param settings the checked settings, {@code null} when {@code problems} is not empty */
    record Outcome(PosixSettings settings, List<String> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private ConfigurationCheck() {
    }

    /**
     * @param typed the typed view SCR made of {@code properties}
     * @param properties the component properties as stored (may also hold SCR's own keys, which are ignored)
     */
    static Outcome check(PosixConfiguration typed, Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        boolean strict = flag(properties, STRICT, typed::strict, problems);
        boolean memfdSecret = flag(properties, MEMFD_SECRET, typed::memfdSecret, problems);
        int chunkSize = chunkSize(properties, typed::chunkSize, problems);
        boolean disabled = flag(properties, DISABLED, typed::disabled, problems);
        if (!problems.isEmpty()) {
            return new Outcome(null, List.copyOf(problems));
        }
        return new Outcome(new PosixSettings(strict, memfdSecret, chunkSize, disabled), List.of());
    }

    private static boolean flag(Map<String, ?> properties, String name, BooleanSupplier absent,
            List<String> problems) {
        Object value = properties.get(name);
        if (value == null) {
            return absent.getAsBoolean();
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String text = s.trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        problems.add(refusal(name, value, BOOLEAN_ALLOWED));
        return false; // unused: the configuration is refused
    }

    private static int chunkSize(Map<String, ?> properties, IntSupplier absent, List<String> problems) {
        Object value = properties.get(CHUNK_SIZE);
        if (value == null) {
            return absent.getAsInt();
        }
        Long number = null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof String s) {
            try {
                number = Long.parseLong(s.trim());
            } catch (NumberFormatException notAWholeNumber) {
                number = null;
            }
        }
        if (number == null || number < PosixSettings.MIN_CHUNK_SIZE || number > PosixSettings.MAX_CHUNK_SIZE) {
            problems.add(refusal(CHUNK_SIZE, value, CHUNK_ALLOWED));
            return 0; // unused: the configuration is refused
        }
        return number.intValue();
    }

    private static String refusal(String name, Object value, String allowed) {
        return name + "=" + render(value) + " (" + value.getClass().getSimpleName() + ") is invalid; " + allowed;
    }

    /** Arrays as their elements, everything else as {@code String.valueOf}: the log shows what was stored. */
    static String render(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value.getClass().isArray()) {
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(String.valueOf(Array.get(value, i)));
            }
            return elements.toString();
        }
        return String.valueOf(value);
    }
}
