package org.lle.memory.secure.broker.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * The hot-swap broker in plain Java. It knows every registered provider ({@link #bind}, {@link #updated},
 * {@link #unbind}, as Declarative Services calls a dynamic multiple reference) and serves from the current one:
 * the best-ranked provider that the {@link DegradedMemoryPolicy} allows ({@link ProviderRegistry}).
 *
 * <p>Where a buffer lives: when the current provider changes, every buffer it can take moves into its memory;
 * a buffer it cannot take (too large, or its allocation fails) stays with the provider that holds it, which is
 * still registered. When a provider goes away, each buffer it still holds moves to any other registered
 * provider the policy allows that can take it, best first. Only when none can is the buffer wiped and closed:
 * counted in {@link #lostBuffers()}, logged, and its later use throws an {@link IllegalStateException} that says
 * why. Every move into or out of degraded memory is counted and logged at WARNING, once per batch with its
 * count ({@link BufferMoves}).
 *
 * <p>Allocations and region calls hold the read side of the registry's lock, provider and policy changes the
 * write side ({@link ProviderChanges}); buffer reads and writes never touch it.
 *
 * <p>Regions are the caller's memory, not the broker's: a region stays locked by the provider that enabled it,
 * and {@link #disableSecureMode} finds that provider (the current one first, then others that hold enabled
 * regions). When that provider goes away, its regions lose their lock (logged).
 *
 * <p>With no provider the policy allows: {@link #allocate} throws {@link SecureMemoryException} with
 * {@link SecureResult#FEATURE_NOT_AVAILABLE} saying why, enable and disable return {@code FEATURE_NOT_AVAILABLE},
 * {@link #maxAllocationSize()} is {@code 0} and {@link #info()} names provider {@code none}. The secure clears
 * still work through any registered provider (a wipe puts no secret anywhere). {@link #swapCount()} counts
 * changes from one current provider to another, not the first one after none.
 */
public final class HotSwapBroker implements SecureMemoryBroker {
    private static final SecureMemoryInfo NONE_INFO =
            new SecureMemoryInfo("none", true, ProviderRegistry.NONE_BOUND, Set.of(), 0, -1);

    private final BrokerCounters counters = new BrokerCounters();
    private final ProviderRegistry providers = new ProviderRegistry();
    private final LiveBuffers live = new LiveBuffers(counters);
    private final BufferMoves moves;
    private final ProviderChanges changes;

    public HotSwapBroker() {
        this(new LockedScratchTransfer());
    }

    /** @param transfers how bytes move between providers (tests compare strategies) */
    HotSwapBroker(Transfer.Factory transfers) {
        this.moves = new BufferMoves(providers, live, counters, transfers);
        this.changes = new ProviderChanges(providers, live, moves);
        BrokerEvents.preload(); // now, not at the first swap: that may come when no class file can be read
    }

    /**
     * Binds {@code provider} as better than every provider bound so far (plain Java, tests): it becomes the
     * current one if the policy allows it. Degraded is its {@code info().degraded()} now.
     */
    public void bind(SecureMemory provider) {
        changes.bind(provider);
    }

    /** Registers {@code provider} (a new service); binding one already registered updates its traits. */
    public void bind(SecureMemory provider, ProviderTraits traits) {
        changes.bind(provider, traits);
    }

    /**
     * The service properties of a registered provider changed (same object): its rank or degradation may
     * differ, so the current provider may change; buffers move only if it does.
     */
    public void updated(SecureMemory provider, ProviderTraits traits) {
        changes.updated(provider, traits);
    }

    /**
     * Lets {@code provider} go; it must still work during this call. If it was the current one, the next best
     * allowed provider takes over (buffers move into it); then every buffer it still holds moves to any other
     * allowed provider that can take it, or is lost.
     */
    public void unbind(SecureMemory provider) {
        changes.unbind(provider);
    }

    /** Applies {@code next}; the current provider may change, and buffers move if it does. */
    public void policy(DegradedMemoryPolicy next) {
        changes.policy(next);
    }

    /** @return the policy in effect */
    public DegradedMemoryPolicy policy() {
        return providers.policy();
    }

    /** Wipes and closes every buffer (not counted as lost): the broker itself is going away. */
    public void shutdown(String reason) {
        changes.shutdown(reason);
    }

    @Override
    public SecureBuffer allocate(int size) {
        providers.lock.readLock().lock();
        try {
            BoundProvider provider = providers.current();
            if (provider == null) {
                throw new SecureMemoryException(SecureResult.FEATURE_NOT_AVAILABLE, "cannot allocate a secure "
                        + "buffer: " + providers.whyNoProvider());
            }
            BrokeredBuffer buffer = new BrokeredBuffer(size, provider.memory.allocate(size), provider, this);
            live.add(buffer);
            return new LeakGuardedBuffer(buffer);
        } finally {
            providers.lock.readLock().unlock();
        }
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        providers.lock.readLock().lock();
        try {
            BoundProvider provider = providers.current();
            if (provider == null) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            SecureResult result = provider.memory.enableSecureMode(region);
            if (result.isSuccess()) {
                provider.enabledRegions.incrementAndGet();
            }
            return result;
        } finally {
            providers.lock.readLock().unlock();
        }
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        providers.lock.readLock().lock();
        try {
            BoundProvider provider = providers.current();
            if (provider == null) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            SecureResult result = provider.memory.disableSecureMode(region);
            if (result.isSuccess()) {
                provider.enabledRegions.decrementAndGet();
                return result;
            }
            // the region may have been enabled through a provider that is still bound but no longer current
            for (BoundProvider older : providers.all()) {
                if (older != provider && older.enabledRegions.get() > 0
                        && older.memory.disableSecureMode(region).isSuccess()) {
                    older.enabledRegions.decrementAndGet();
                    return SecureResult.SUCCESS;
                }
            }
            return result;
        } finally {
            providers.lock.readLock().unlock();
        }
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return withWiper(provider -> provider.secureClear(region));
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return withWiper(provider -> provider.secureClear(data));
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return withWiper(provider -> provider.secureClear(data));
    }

    /** @return the current provider's limit, or {@code 0} when there is none (then nothing can be allocated) */
    @Override
    public int maxAllocationSize() {
        BoundProvider provider = providers.current();
        return provider == null ? 0 : provider.maxAllocationSize();
    }

    @Override
    public SecureMemoryInfo info() {
        BoundProvider provider = providers.current();
        if (provider != null) {
            return provider.memory.info();
        }
        providers.lock.readLock().lock();
        try {
            return providers.all().isEmpty() ? NONE_INFO
                    : new SecureMemoryInfo("none", true, providers.whyNoProvider(), Set.of(), 0, -1);
        } finally {
            providers.lock.readLock().unlock();
        }
    }

    @Override
    public boolean isAvailable() {
        return providers.current() != null;
    }

    @Override
    public long swapCount() {
        return counters.swaps.get();
    }

    @Override
    public int liveBuffers() {
        return live.size();
    }

    @Override
    public long movedBuffers() {
        return counters.movedBuffers.get();
    }

    @Override
    public long movesIntoDegraded() {
        return counters.movesIntoDegraded.get();
    }

    @Override
    public long movesOutOfDegraded() {
        return counters.movesOutOfDegraded.get();
    }

    @Override
    public long lostBuffers() {
        return counters.lostBuffers.get();
    }

    /** @return moves a provider could not take (too large for it, or its allocation failed); the buffer stayed */
    public long failedMoves() {
        return counters.failedMoves.get();
    }

    /** @return buffers the host dropped without closing them, wiped and closed by the cleaner */
    public long leakedBuffers() {
        return counters.leakedBuffers.get();
    }

    /** @return each registered provider's name and how many live buffers it holds, best first (status, tests) */
    public Map<String, Long> buffersByProvider() {
        providers.lock.readLock().lock();
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (BoundProvider provider : providers.all()) {
                counts.put(provider.name(), live.heldBy(provider));
            }
            return counts;
        } finally {
            providers.lock.readLock().unlock();
        }
    }

    /** Called by a buffer its owner closed. */
    void forget(BrokeredBuffer buffer) {
        live.forget(buffer);
    }

    /** Called by a buffer that moved, when closing its old copy threw (the old provider still wiped it). */
    void oldCopyFailedToClose(BrokeredBuffer buffer, RuntimeException e) {
        moves.oldCopyFailedToClose(buffer, e);
    }

    /** Called by the cleaner after it wiped and closed a buffer its owner dropped. */
    void leaked(BrokeredBuffer buffer) {
        live.leaked(buffer);
    }

    /** Called by a buffer whose access closed: a swap that left it behind because of that access catches up. */
    void catchUp(BrokeredBuffer buffer) {
        moves.catchUp(buffer);
    }

    private SecureResult withWiper(Function<SecureMemory, SecureResult> call) {
        providers.lock.readLock().lock();
        try {
            BoundProvider provider = providers.current();
            if (provider == null && !providers.all().isEmpty()) {
                provider = providers.all().get(0);
            }
            return provider == null ? SecureResult.FEATURE_NOT_AVAILABLE : call.apply(provider.memory);
        } finally {
            providers.lock.readLock().unlock();
        }
    }
}
