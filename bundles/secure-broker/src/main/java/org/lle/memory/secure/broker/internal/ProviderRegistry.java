package org.lle.memory.secure.broker.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.lle.memory.secure.SecureMemory;

/**
 * Every registered provider, best first as OSGi orders services, and the choice of the current one: the best
 * ranked provider the {@link DegradedMemoryPolicy} allows.
 *
 * <p>A read-write lock guards the providers: allocations and region calls hold the read side (they run in
 * parallel and always reach a provider that stays bound for the call), binding, unbinding, updating and policy
 * changes hold the write side while they move buffers, so no allocation can slip past a swap into the old
 * provider. Buffer reads and writes never touch this lock: each {@link BrokeredBuffer} has its own.
 */
final class ProviderRegistry {
    static final String NONE_BOUND = "no secure-memory provider is bound to the broker; install "
            + "lle-memory-secure-posix (or lle-memory-secure-noop for the degraded fallback)";

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Every registered provider, best first; changed under the write side of {@link #lock}. */
    private final List<BoundProvider> providers = new ArrayList<>();
    private final List<BoundProvider> view = Collections.unmodifiableList(providers);
    private volatile BoundProvider current;
    private volatile DegradedMemoryPolicy policy = DegradedMemoryPolicy.ALLOW;
    /** Ranks of providers bound without traits (plain Java): each ranks above all bound before it. */
    private int plainRank;

    /** @return the provider allocations go to, {@code null} when the policy allows none */
    BoundProvider current() {
        return current;
    }

    DegradedMemoryPolicy policy() {
        return policy;
    }

    /** Caller holds the write lock; {@link #chooseCurrent} applies it. */
    void policy(DegradedMemoryPolicy next) {
        policy = next;
    }

    /** @return every registered provider, best first; caller holds either side of the lock while it reads */
    List<BoundProvider> all() {
        return view;
    }

    /** Caller holds the write lock: a provider bound without traits ranks above every one bound before it. */
    ProviderTraits nextPlainTraits(SecureMemory provider) {
        plainRank = plainRank == Integer.MAX_VALUE ? plainRank : plainRank + 1;
        return new ProviderTraits(plainRank, 0, ProviderTraits.infoSaysDegraded(provider));
    }

    /** Caller holds the write lock. Adds {@code provider}, or updates its traits if it is registered already. */
    void register(SecureMemory provider, ProviderTraits traits) {
        BoundProvider bound = find(provider);
        if (bound == null) {
            providers.add(new BoundProvider(provider, traits));
        } else {
            bound.traits(traits);
        }
        sort();
    }

    /** Caller holds the write lock: best first, as OSGi orders services. */
    void sort() {
        providers.sort((a, b) -> a.traits().before(b.traits()) ? -1 : b.traits().before(a.traits()) ? 1 : 0);
    }

    /** Caller holds the write lock. */
    void remove(BoundProvider leaving) {
        providers.remove(leaving);
    }

    /** Caller holds the write lock: no provider is registered or current afterwards. */
    void clear() {
        current = null;
        providers.clear();
    }

    /** @return the registration of {@code provider}, {@code null} when it is not registered */
    BoundProvider find(SecureMemory provider) {
        for (BoundProvider bound : providers) {
            if (bound.memory == provider) {
                return bound;
            }
        }
        return null;
    }

    /**
     * Caller holds the write lock. Makes the best provider the policy allows current.
     *
     * @return the provider that was current before
     */
    BoundProvider chooseCurrent() {
        BoundProvider best = null;
        for (BoundProvider provider : providers) {
            if (policy.allows(provider.degraded())) {
                best = provider;
                break;
            }
        }
        BoundProvider previous = current;
        current = best;
        return previous;
    }

    /** @return providers that may lock or wipe scratch memory for a batch: {@code first}, the others, {@code last} */
    List<SecureMemory> lockers(BoundProvider first, BoundProvider last) {
        List<SecureMemory> lockers = new ArrayList<>();
        if (first != null) {
            lockers.add(first.memory);
        }
        for (BoundProvider provider : providers) {
            if (provider != first) {
                lockers.add(provider.memory);
            }
        }
        if (last != null) {
            lockers.add(last.memory);
        }
        return lockers;
    }

    /** @return why no provider is current: none is registered, or the policy refuses every registered one */
    String whyNoProvider() {
        if (providers.isEmpty()) {
            return NONE_BOUND;
        }
        return DegradedMemoryPolicy.ATTRIBUTE + "=" + policy + " keeps secrets out of degraded memory, and every "
                + "registered provider is degraded (" + providers.stream().map(BoundProvider::name)
                .collect(Collectors.joining(", ")) + "); install or enable lle-memory-secure-posix, or allow "
                + "degraded memory in the broker's configuration";
    }
}
