package org.lle.memory.secure.posix.internal.osgi;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lle.memory.secure.posix.internal.PosixSettings;

/**
 * Checks the raw configuration of PID {@code org.lle.memory.secure.posix} against the metatype before anything
 * is built from it. Config Admin stores whatever it is given, and SCR's own conversion does not help: an
 * unparsable number makes the annotation method throw ComponentException, an unparsable boolean silently
 * becomes {@code false}, and a number out of the metatype's range passes untouched. So the raw map is checked
 * here; a configuration with any invalid attribute is refused as a whole.
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

    static Outcome check(Map<String, ?> properties) {
        PosixSettings defaults = PosixSettings.defaults();
        List<String> problems = new ArrayList<>();
        boolean strict = flag(properties, STRICT, defaults.strict(), problems);
        boolean memfdSecret = flag(properties, MEMFD_SECRET, defaults.memfdSecret(), problems);
        int chunkSize = chunkSize(properties, defaults.chunkSize(), problems);
        boolean disabled = flag(properties, DISABLED, defaults.disabled(), problems);
        if (!problems.isEmpty()) {
            return new Outcome(null, List.copyOf(problems));
        }
        return new Outcome(new PosixSettings(strict, memfdSecret, chunkSize, disabled), List.of());
    }

    private static boolean flag(Map<String, ?> properties, String name, boolean fallback, List<String> problems) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
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
        return fallback;
    }

    private static int chunkSize(Map<String, ?> properties, int fallback, List<String> problems) {
        Object value = properties.get(CHUNK_SIZE);
        if (value == null) {
            return fallback;
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
            return fallback;
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
