package org.lle.memory.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code org.lle.memory:type=SecureMemory,provider=<name>}: one secure-memory provider (its
 * {@link org.lle.memory.secure.SecureMemoryInfo}, read on every attribute access).
 */
@ProviderType
public interface SecureMemoryMXBean {
    /** @return the provider's name, e.g. {@code posix} or {@code noop} */
    String getProvider();

    /** @return whether some protection a user would expect is missing */
    boolean isDegraded();

    /** @return why it is degraded, or {@code ""} */
    String getDegradationReason();

    /** @return the names of the {@link org.lle.memory.secure.SecureCapability} values that work, in declaration order */
    String[] getCapabilities();

    /** @return bytes the provider holds locked now */
    long getLockedBytes();

    /** @return the part of the locked bytes kept as spare memory with no live buffer in it */
    long getIdleLockedBytes();

    /** @return RLIMIT_MEMLOCK in bytes; {@link Long#MAX_VALUE} when unlimited, {@code -1} when unknown */
    long getLockLimitBytes();

    /** @return the largest buffer the provider allocates */
    int getMaxAllocationSize();
}
