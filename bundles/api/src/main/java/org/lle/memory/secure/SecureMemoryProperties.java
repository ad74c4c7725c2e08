package org.lle.memory.secure;

/** Names of the OSGi service properties and framework properties of secure-memory providers. */
public final class SecureMemoryProperties {
    private SecureMemoryProperties() {
    }

    /** Service property: the provider's name ({@code posix}, {@code noop}). */
    public static final String PROVIDER = "lle.secure.provider";

    /** Service property: {@code Boolean}, whether the provider is degraded; filter on {@code (lle.secure.degraded=false)}. */
    public static final String DEGRADED = "lle.secure.degraded";

    /** Service property: {@code String[]} of {@link SecureCapability} names that work here. */
    public static final String CAPABILITIES = "lle.secure.capabilities";

    /** Framework or system property: {@code true} keeps the POSIX provider from offering itself. */
    public static final String POSIX_DISABLED = "lle.secure.posix.disabled";

    /** The service ranking of the POSIX provider. */
    public static final int RANKING_POSIX = 1000;

    /** The service ranking of the degraded no-op provider. */
    public static final int RANKING_NOOP = -1000;
}
