package org.lle.memory.secure.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * The hot-swap logic in plain Java: {@link #bind} switches to a provider (moving every live buffer into it),
 * {@link #unbind} lets one go. It follows the order in which Declarative Services calls a dynamic greedy
 * reference: the replacement is bound before the old provider is unbound, and the old one still works during
 * its unbind. Unbinding the provider in use with no replacement wipes and closes every buffer.
 *
 * <p>A read-write lock guards the choice of provider: allocations and region calls hold the read side (they run
 * in parallel and always reach a provider that stays bound for the call), a swap holds the write side while it
 * moves the buffers, so no allocation can slip past it into the old provider. Buffer reads and writes never
 * touch this lock: each {@link BrokeredBuffer} has its own.
 *
 * <p>Regions are the caller's memory, not the broker's: a region stays locked by the provider that enabled it,
 * and {@link #disableSecureMode} finds that provider (it asks the current one first, then older ones still
 * bound that hold enabled regions). When that provider goes away, its regions lose their lock (logged).
 *
 * <p>With no provider bound: {@link #allocate} throws {@link SecureMemoryException} with
 * {@link SecureResult#FEATURE_NOT_AVAILABLE}, the region calls return {@code FEATURE_NOT_AVAILABLE} (nothing is
 * locked or wiped), {@link #maxAllocationSize()} is {@code 0} and {@link #info()} names provider {@code none}.
 * {@link #swapCount()} counts changes from one provider to another, not the first bind after none.
 */
public class HotSwapBroker implements SecureMemoryBroker {
    static final String NONE_BOUND = "no secure-memory provider is bound to the broker; install "
            + "lle-memory-secure-posix (or lle-memory-secure-noop for the degraded fallback)";

    private static final Logger LOG = System.getLogger(HotSwapBroker.class.getName());
    private static final SecureMemoryInfo NONE_INFO = new SecureMemoryInfo("none", true, NONE_BOUND, Set.of(), 0, -1);

    private final ReentrantReadWriteLock providerLock = new ReentrantReadWriteLock();
    private final Set<BrokeredBuffer> live = ConcurrentHashMap.newKeySet();
    /** Changed under the write side of {@link #providerLock}: how many regions each bound provider holds enabled. */
    private final Map<SecureMemory, AtomicLong> enabledRegions = new IdentityHashMap<>();
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong movedBuffers = new AtomicLong();
    private final AtomicLong failedMoves = new AtomicLong();
    private final AtomicLong leakedBuffers = new AtomicLong();
    private volatile SecureMemory current;

    /** Switches to {@code provider}, moving every live buffer into its memory. Binding the current one is a no-op. */
    public void bind(SecureMemory provider) {
        Objects.requireNonNull(provider, "provider");
        providerLock.writeLock().lock();
        try {
            SecureMemory previous = current;
            if (previous == provider) {
                return;
            }
            current = provider;
            enabledRegions.putIfAbsent(provider, new AtomicLong());
            if (previous != null) {
                int moved = moveBuffersInto(provider);
                // counted once every buffer is in the new provider: a caller that sees the count has the swap whole
                swaps.incrementAndGet();
                LOG.log(Level.INFO, "secure memory swapped from {0} to {1}; {2} buffers moved",
                        nameOf(previous), nameOf(provider), moved);
            }
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /**
     * Lets {@code provider} go; it must still work during this call. If it is the one in use, there is no
     * replacement: every buffer is wiped and closed. If it is an older one, the buffers it still holds (because
     * the current provider could not take them) get one more try, and are wiped and closed if that fails too.
     */
    public void unbind(SecureMemory provider) {
        providerLock.writeLock().lock();
        try {
            AtomicLong regions = enabledRegions.remove(provider);
            if (regions != null && regions.get() > 0) {
                LOG.log(Level.WARNING, "{0} regions enabled through secure-memory provider {1} lose their lock "
                        + "as it goes away", regions.get(), nameOf(provider));
            }
            if (provider == current) {
                current = null;
                closeAll(buffer -> true, BrokeredBuffer.PROVIDER_GONE);
                LOG.log(Level.WARNING, "the last secure-memory provider ({0}) went away; every secure buffer "
                        + "was wiped and closed", nameOf(provider));
                return;
            }
            SecureMemory target = current;
            if (target != null) {
                moveBuffersInto(target);
            }
            closeAll(buffer -> buffer.owner() == provider, BrokeredBuffer.PROVIDER_GONE
                    + " (the new provider could not hold it)");
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /** The bound provider's service properties changed; the instance is the same, so nothing moves. */
    public void updated(SecureMemory provider) {
        LOG.log(Level.DEBUG, "secure-memory provider {0} updated its properties", nameOf(provider));
    }

    /** Wipes and closes every buffer: the broker itself is going away. */
    public void shutdown(String reason) {
        providerLock.writeLock().lock();
        try {
            closeAll(buffer -> true, reason);
            current = null;
            enabledRegions.clear();
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    @Override
    public SecureBuffer allocate(int size) {
        providerLock.readLock().lock();
        try {
            SecureMemory provider = requireProvider();
            BrokeredBuffer buffer = new BrokeredBuffer(size, provider.allocate(size), provider, this);
            live.add(buffer);
            return new LeakGuardedBuffer(buffer);
        } finally {
            providerLock.readLock().unlock();
        }
    }

    @Override
    public SecureResult enableSecureMode(ByteBuffer region) {
        providerLock.readLock().lock();
        try {
            SecureMemory provider = current;
            if (provider == null) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            SecureResult result = provider.enableSecureMode(region);
            if (result.isSuccess()) {
                enabledRegions.get(provider).incrementAndGet();
            }
            return result;
        } finally {
            providerLock.readLock().unlock();
        }
    }

    @Override
    public SecureResult disableSecureMode(ByteBuffer region) {
        providerLock.readLock().lock();
        try {
            SecureMemory provider = current;
            if (provider == null) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            SecureResult result = provider.disableSecureMode(region);
            if (result.isSuccess()) {
                enabledRegions.get(provider).decrementAndGet();
                return result;
            }
            // the region may have been enabled through a provider that is still bound but no longer current
            for (Map.Entry<SecureMemory, AtomicLong> older : enabledRegions.entrySet()) {
                if (older.getKey() != provider && older.getValue().get() > 0
                        && older.getKey().disableSecureMode(region).isSuccess()) {
                    older.getValue().decrementAndGet();
                    return SecureResult.SUCCESS;
                }
            }
            return result;
        } finally {
            providerLock.readLock().unlock();
        }
    }

    @Override
    public SecureResult secureClear(ByteBuffer region) {
        return withProvider(provider -> provider.secureClear(region));
    }

    @Override
    public SecureResult secureClear(byte[] data) {
        return withProvider(provider -> provider.secureClear(data));
    }

    @Override
    public SecureResult secureClear(char[] data) {
        return withProvider(provider -> provider.secureClear(data));
    }

    /** @return the current provider's limit, or {@code 0} when none is bound (then nothing can be allocated) */
    @Override
    public int maxAllocationSize() {
        SecureMemory provider = current;
        return provider == null ? 0 : provider.maxAllocationSize();
    }

    @Override
    public SecureMemoryInfo info() {
        SecureMemory provider = current;
        return provider == null ? NONE_INFO : provider.info();
    }

    @Override
    public boolean isAvailable() {
        return current != null;
    }

    @Override
    public long swapCount() {
        return swaps.get();
    }

    @Override
    public int liveBuffers() {
        return live.size();
    }

    @Override
    public long movedBuffers() {
        return movedBuffers.get();
    }

    @Override
    public long movesIntoDegraded() {
        return 0; // counted once moves know their providers' degradation
    }

    @Override
    public long movesOutOfDegraded() {
        return 0;
    }

    @Override
    public long lostBuffers() {
        return 0;
    }

    /** @return moves that failed because the new provider could not allocate (the buffer stayed where it was) */
    public long failedMoves() {
        return failedMoves.get();
    }

    /** @return buffers the host dropped without closing them, wiped and closed by the cleaner */
    public long leakedBuffers() {
        return leakedBuffers.get();
    }

    /** Called by a buffer its owner closed. */
    void forget(BrokeredBuffer buffer) {
        live.remove(buffer);
    }

    /** Called by a buffer that moved, when closing its old copy threw (the old provider still wiped it). */
    void oldCopyFailedToClose(BrokeredBuffer buffer, RuntimeException e) {
        LOG.log(Level.ERROR, "a secure buffer of " + buffer.size() + " bytes moved, but closing its old copy failed", e);
    }

    /** Called by the cleaner after it wiped and closed a buffer its owner dropped. */
    void leaked(BrokeredBuffer buffer) {
        live.remove(buffer);
        leakedBuffers.incrementAndGet();
        LOG.log(Level.WARNING, "LEAK: a brokered SecureBuffer of {0} bytes was never closed; it was wiped and "
                + "closed when it became unreachable. Close secure buffers (try-with-resources).", buffer.size());
    }

    private SecureMemory requireProvider() {
        SecureMemory provider = current;
        if (provider == null) {
            throw new SecureMemoryException(SecureResult.FEATURE_NOT_AVAILABLE, "cannot allocate a secure buffer: "
                    + NONE_BOUND);
        }
        return provider;
    }

    private SecureResult withProvider(Function<SecureMemory, SecureResult> call) {
        providerLock.readLock().lock();
        try {
            SecureMemory provider = current;
            return provider == null ? SecureResult.FEATURE_NOT_AVAILABLE : call.apply(provider);
        } finally {
            providerLock.readLock().unlock();
        }
    }

    /** Caller holds the write lock. A buffer the target cannot take stays where it is, with its data. */
    private int moveBuffersInto(SecureMemory target) {
        int moved = 0;
        for (BrokeredBuffer buffer : live) {
            try {
                if (buffer.migrateTo(target)) {
                    moved++;
                }
            } catch (RuntimeException e) {
                failedMoves.incrementAndGet();
                LOG.log(Level.WARNING, "secure-memory provider " + nameOf(target) + " could not take a buffer of "
                        + buffer.size() + " bytes; it stays in the old provider's memory", e);
            }
        }
        movedBuffers.addAndGet(moved);
        return moved;
    }

    /** Caller holds the write lock. */
    private void closeAll(Predicate<BrokeredBuffer> which, String reason) {
        List<BrokeredBuffer> closing = new ArrayList<>();
        for (BrokeredBuffer buffer : live) {
            if (which.test(buffer)) {
                closing.add(buffer);
            }
        }
        for (BrokeredBuffer buffer : closing) {
            try {
                buffer.wipeAndClose(reason, this::forget);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "wiping a secure buffer of " + buffer.size() + " bytes failed", e);
            }
        }
    }

    private static String nameOf(SecureMemory provider) {
        try {
            return provider.info().provider();
        } catch (RuntimeException e) {
            return provider.getClass().getName();
        }
    }
}
