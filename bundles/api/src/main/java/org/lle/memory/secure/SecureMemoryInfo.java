package org.lle.memory.secure;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider is and can do now.
 *
 * @param provider the provider's name, e.g. {@code posix} or {@code noop}
 * @param degraded whether some protection a user would expect is missing
 * @param degradationReason why it is degraded (with the errno or limit), or {@code ""} when it is not
 * @param capabilities the protections that work on this machine
 * @param lockedBytes bytes this provider holds locked now
 * @param lockLimitBytes RLIMIT_MEMLOCK in bytes; {@link Long#MAX_VALUE} when unlimited (or the process
 *                       has CAP_IPC_LOCK), {@code -1} when unknown
 * @param idleLockedBytes the part of {@code lockedBytes} held locked with no live buffer in it (spare
 *                        memory kept so the next allocation makes no system call); a provider gives it back
 *                        before a lock would fail
 *
 * <p>This record grows by appending components; the constructor of each earlier shape stays, so code that
 * builds an info (test doubles, providers) keeps compiling and linking.
 */
public record SecureMemoryInfo(String provider, boolean degraded, String degradationReason,
        Set<SecureCapability> capabilities, long lockedBytes, long lockLimitBytes, long idleLockedBytes) {

    public SecureMemoryInfo {
        Objects.requireNonNull(provider, "provider");
        degradationReason = degradationReason == null ? "" : degradationReason;
        capabilities = capabilities == null || capabilities.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /** The first shape of this record: no idle locked bytes. */
    public SecureMemoryInfo(String provider, boolean degraded, String degradationReason,
            Set<SecureCapability> capabilities, long lockedBytes, long lockLimitBytes) {
        this(provider, degraded, degradationReason, capabilities, lockedBytes, lockLimitBytes, 0);
    }

    /** @return whether {@code capability} works */
    public boolean has(SecureCapability capability) {
        return capabilities.contains(capability);
    }
}
