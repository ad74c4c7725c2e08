package org.lle.memory.secure.broker.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether the broker may put secrets into the memory of a degraded provider (one that cannot lock memory or
 * keep it out of core dumps and forked children, such as the no-op provider).
 */
public enum DegradedMemoryPolicy {
    /**
     * Continuity first: buffers move into a degraded provider's memory when nothing better is registered, and
     * are allocated there. Every such move is counted and logged at WARNING.
     */
    ALLOW,
    /**
     * Secrets never enter degraded memory: allocations fail while only degraded providers are registered, and
     * a buffer whose provider goes away with no non-degraded provider able to hold it is wiped and closed.
     */
    REFUSE;

    /** The configuration attribute that holds the policy. */
    public static final String ATTRIBUTE = "degradedMemory";

    /**
     * @return the policy named by {@code value} (case and surrounding blanks ignored)
     * @throws IllegalArgumentException naming the attribute, the value and the allowed values
     */
    public static DegradedMemoryPolicy parse(String value) {
        if (value != null) {
            String name = value.trim().toUpperCase(Locale.ROOT);
            for (DegradedMemoryPolicy policy : values()) {
                if (policy.name().equals(name)) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException(ATTRIBUTE + "=" + (value == null ? "null" : "\"" + value + "\"")
                + " is not an allowed value; allowed: " + allowed());
    }

    /** @return the allowed values, comma separated */
    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** @return whether a provider of this degradation may hold secrets under this policy */
    boolean allows(boolean degraded) {
        return this == ALLOW || !degraded;
    }
}
