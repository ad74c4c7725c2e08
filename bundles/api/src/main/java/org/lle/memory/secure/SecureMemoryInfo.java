package org.lle.memory.secure;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider is and can do now, as {@link SecureMemory#info()} reports it.
 *
 * <p>Read it through its accessors. Components are only ever added at the end, and the constructor of each
 * earlier shape stays, so code that builds an info (test doubles, providers) keeps compiling and linking; a
 * record pattern that names every component (e.g. {@code info instanceof SecureMemoryInfo(var p, var d, ...)})
 * would stop compiling when one is added.
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
 */
public record SecureMemoryInfo(String provider, boolean degraded, String degradationReason,
        Set<SecureCapability> capabilities, long lockedBytes, long lockLimitBytes, long idleLockedBytes) {

    /**
     * Creates an info, normalising what a provider may leave out: a {@code null} reason becomes {@code ""}, and
     * the capabilities are copied into an unmodifiable set ({@code null} meaning none).
     *
     * @param provider the provider's name, e.g. {@code posix} or {@code noop}; not {@code null}
     * @param degraded whether some protection a user would expect is missing
     * @param degradationReason why it is degraded (with the errno or limit); {@code ""} or {@code null} when
     *                          it is not
     * @param capabilities the protections that work on this machine; {@code null} or empty for none
     * @param lockedBytes bytes this provider holds locked now
     * @param lockLimitBytes RLIMIT_MEMLOCK in bytes; {@link Long#MAX_VALUE} when unlimited (or the process
     *                       has CAP_IPC_LOCK), {@code -1} when unknown
     * @param idleLockedBytes the part of {@code lockedBytes} held locked with no live buffer in it
     * @throws NullPointerException when {@code provider} is {@code null}
     */
    public SecureMemoryInfo {
        Objects.requireNonNull(provider, "provider");
        degradationReason = degradationReason == null ? "" : degradationReason;
        capabilities = capabilities == null || capabilities.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /**
     * The first shape of this record, kept so that code written against it still compiles and links;
     * {@link #idleLockedBytes()} is {@code 0}.
     *
     * @param provider the provider's name, e.g. {@code posix} or {@code noop}; not {@code null}
     * @param degraded whether some protection a user would expect is missing
     * @param degradationReason why it is degraded (with the errno or limit); {@code ""} or {@code null} when
     *                          it is not
     * @param capabilities the protections that work on this machine; {@code null} or empty for none
     * @param lockedBytes bytes this provider holds locked now
     * @param lockLimitBytes RLIMIT_MEMLOCK in bytes; {@link Long#MAX_VALUE} when unlimited (or the process
     *                       has CAP_IPC_LOCK), {@code -1} when unknown
     * @throws NullPointerException when {@code provider} is {@code null}
     */
    public SecureMemoryInfo(String provider, boolean degraded, String degradationReason,
            Set<SecureCapability> capabilities, long lockedBytes, long lockLimitBytes) {
        this(provider, degraded, degradationReason, capabilities, lockedBytes, lockLimitBytes, 0);
    }

    /**
     * Tells whether one protection works, as a shorter {@code capabilities().contains(capability)}.
     *
     * @param capability the protection to ask about
     * @return whether {@code capability} works on this machine now
     */
    public boolean has(SecureCapability capability) {
        return capabilities.contains(capability);
    }
}
