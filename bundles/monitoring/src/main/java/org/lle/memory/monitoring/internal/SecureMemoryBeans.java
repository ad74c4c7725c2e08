package org.lle.memory.monitoring.internal;

import java.util.Objects;
import org.lle.memory.monitoring.SecureMemoryBrokerMXBean;
import org.lle.memory.monitoring.SecureMemoryMXBean;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryInfo;

/** The MXBeans of a secure-memory provider and of the broker; every attribute asks the service again. */
public final class SecureMemoryBeans {
    private SecureMemoryBeans() {
    }

    public static SecureMemoryMXBean provider(SecureMemory provider) {
        return new Provider(Objects.requireNonNull(provider, "provider"));
    }

    public static SecureMemoryBrokerMXBean broker(SecureMemoryBroker broker) {
        return new Broker(Objects.requireNonNull(broker, "broker"));
    }

    static final class Provider implements SecureMemoryMXBean {
        private final SecureMemory provider;

        Provider(SecureMemory provider) {
            this.provider = provider;
        }

        @Override
        public String getProvider() {
            return provider.info().provider();
        }

        @Override
        public boolean isDegraded() {
            return provider.info().degraded();
        }

        @Override
        public String getDegradationReason() {
            return provider.info().degradationReason();
        }

        @Override
        public String[] getCapabilities() {
            return capabilities(provider.info());
        }

        @Override
        public long getLockedBytes() {
            return provider.info().lockedBytes();
        }

        @Override
        public long getIdleLockedBytes() {
            return provider.info().idleLockedBytes();
        }

        @Override
        public long getLockLimitBytes() {
            return provider.info().lockLimitBytes();
        }

        @Override
        public int getMaxAllocationSize() {
            return provider.maxAllocationSize();
        }
    }

    static final class Broker implements SecureMemoryBrokerMXBean {
        private final SecureMemoryBroker broker;

        Broker(SecureMemoryBroker broker) {
            this.broker = broker;
        }

        @Override
        public boolean isAvailable() {
            return broker.isAvailable();
        }

        @Override
        public String getProvider() {
            return broker.info().provider();
        }

        @Override
        public boolean isDegraded() {
            return broker.info().degraded();
        }

        @Override
        public String getDegradationReason() {
            return broker.info().degradationReason();
        }

        @Override
        public int getLiveBuffers() {
            return broker.liveBuffers();
        }

        @Override
        public long getSwapCount() {
            return broker.swapCount();
        }

        @Override
        public long getMovedBuffers() {
            return broker.movedBuffers();
        }

        @Override
        public long getMovesIntoDegraded() {
            return broker.movesIntoDegraded();
        }

        @Override
        public long getMovesOutOfDegraded() {
            return broker.movesOutOfDegraded();
        }

        @Override
        public long getLostBuffers() {
            return broker.lostBuffers();
        }
    }

    /** Capability names in {@link org.lle.memory.secure.SecureCapability} order (an EnumSet's order). */
    static String[] capabilities(SecureMemoryInfo info) {
        return info.capabilities().stream().sorted().map(Enum::name).toArray(String[]::new);
    }
}
