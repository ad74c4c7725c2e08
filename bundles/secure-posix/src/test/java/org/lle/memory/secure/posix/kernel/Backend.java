package org.lle.memory.secure.posix.kernel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two memory backends of the POSIX arena, chosen in the child JVM by the provider's documented
 * configuration property. Each test that runs on both also checks the backend was really the one asked for.
 */
enum Backend {
    /** mmap + mlock + MADV_DONTDUMP + MADV_DONTFORK (the default). */
    MLOCK_ARENA(false),
    /** memfd_secret(2) chunks, plus MADV_DONTFORK. */
    MEMFD_SECRET(true);

    /** The POSIX provider's configuration property (system property on a plain class path). */
    private static final String PROPERTY = "lle.secure.posix.memfdSecret";

    private final boolean memfdSecret;

    Backend(boolean memfdSecret) {
        this.memfdSecret = memfdSecret;
    }

    ChildJvm.Builder configure(ChildJvm.Builder builder) {
        return builder.jvmOption("-D" + PROPERTY + "=" + memfdSecret);
    }

    /** @param secretMapping the child's report of the mapping that holds the secure buffer */
    void assertHolds(String secretMapping) {
        if (memfdSecret) {
            assertThat(secretMapping).as("the secure buffer lives in memfd_secret memory").contains("/secretmem");
        } else {
            assertThat(secretMapping).as("the secure buffer lives in anonymous memory").doesNotContain("/secretmem");
        }
    }
}
