package org.lle.memory.secure.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.lle.memory.secure.SecureMemory;

/**
 * Providers coming, changing and going, and policy changes, as Declarative Services reports a dynamic multiple
 * reference. Each runs under the write side of the registry's lock: the registry changes, the current provider
 * is chosen again, and buffers move if it changed ({@link BufferMoves}).
 */
final class ProviderChanges {
    /** The broker logs under one name, {@link HotSwapBroker}'s, whichever of its parts speaks. */
    private static final Logger LOG = System.getLogger(HotSwapBroker.class.getName());

    private final ProviderRegistry providers;
    private final LiveBuffers live;
    private final BufferMoves moves;

    ProviderChanges(ProviderRegistry providers, LiveBuffers live, BufferMoves moves) {
        this.providers = providers;
        this.live = live;
        this.moves = moves;
    }

    /** Binds {@code provider} as better than every provider bound so far; degraded is its info's now. */
    void bind(SecureMemory provider) {
        Objects.requireNonNull(provider, "provider");
        providers.lock.writeLock().lock();
        try {
            register(provider, providers.nextPlainTraits(provider));
        } finally {
            providers.lock.writeLock().unlock();
        }
    }

    /** Registers {@code provider} (a new service); binding one already registered updates its traits. */
    void bind(SecureMemory provider, ProviderTraits traits) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(traits, "traits");
        providers.lock.writeLock().lock();
        try {
            register(provider, traits);
        } finally {
            providers.lock.writeLock().unlock();
        }
    }

    /** A registered provider's service properties changed: its rank or degradation may differ. */
    void updated(SecureMemory provider, ProviderTraits traits) {
        providers.lock.writeLock().lock();
        try {
            BoundProvider bound = providers.find(provider);
            if (bound == null) {
                return;
            }
            boolean wasDegraded = bound.degraded();
            bound.traits(traits);
            providers.sort();
            if (!wasDegraded && traits.degraded()) {
                BrokerEvents.degraded(bound);
            }
            if (wasDegraded != traits.degraded()) {
                long holds = live.heldBy(bound);
                LOG.log(traits.degraded() ? Level.WARNING : Level.INFO, "secure-memory provider {0} is {1} now; "
                        + "it holds {2} buffers", bound.name(), traits.degraded() ? "DEGRADED" : "no longer degraded",
                        holds);
            }
            reconsider();
        } finally {
            providers.lock.writeLock().unlock();
        }
    }

    /** Lets {@code provider} go (it still works during this call): a new current one, then its buffers move. */
    void unbind(SecureMemory provider) {
        providers.lock.writeLock().lock();
        try {
            BoundProvider leaving = providers.find(provider);
            if (leaving == null) {
                return;
            }
            providers.remove(leaving);
            long regions = leaving.enabledRegions.get();
            if (regions > 0) {
                LOG.log(Level.WARNING, "{0} regions enabled through secure-memory provider {1} lose their lock "
                        + "as it goes away", regions, leaving.name());
            }
            reconsider();
            moves.rescue(leaving);
        } finally {
            providers.lock.writeLock().unlock();
        }
    }

    /** Applies {@code next}; the current provider may change, and buffers move if it does. */
    void policy(DegradedMemoryPolicy next) {
        Objects.requireNonNull(next, "policy");
        providers.lock.writeLock().lock();
        try {
            if (next == providers.policy()) {
                return;
            }
            providers.policy(next);
            reconsider();
            long inDegraded = live.count(b -> {
                BoundProvider owner = b.owner();
                return owner != null && owner.degraded();
            });
            LOG.log(inDegraded > 0 && next == DegradedMemoryPolicy.REFUSE ? Level.WARNING : Level.INFO,
                    "secure memory broker: {0}={1}; {2} buffers are in degraded memory now (they stay until a "
                    + "non-degraded provider can take them or their provider goes away)",
                    DegradedMemoryPolicy.ATTRIBUTE, next, inDegraded);
        } finally {
            providers.lock.writeLock().unlock();
        }
    }

    /** Wipes and closes every buffer (not counted as lost) and lets every provider go. */
    void shutdown(String reason) {
        providers.lock.writeLock().lock();
        try {
            live.closeAll(reason);
            providers.clear();
        } finally {
            providers.lock.writeLock().unlock();
        }
    }

    /** Caller holds the write lock. */
    private void register(SecureMemory provider, ProviderTraits traits) {
        providers.register(provider, traits);
        reconsider();
    }

    /**
     * Caller holds the write lock. Makes the best provider the policy allows current; when that changes, moves
     * into it every buffer it can take.
     */
    private void reconsider() {
        BoundProvider previous = providers.chooseCurrent();
        BoundProvider best = providers.current();
        if (best == null || best == previous) {
            return;
        }
        moves.intoCurrent(previous, best);
    }
}
