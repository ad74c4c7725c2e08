package org.lle.memory.secure.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import org.lle.memory.secure.SecureBuffer;
import org.lle.memory.secure.SecureMemory;
import org.lle.memory.secure.SecureMemoryBroker;
import org.lle.memory.secure.SecureMemoryException;
import org.lle.memory.secure.SecureMemoryInfo;
import org.lle.memory.secure.SecureResult;

/**
 * The hot-swap logic in plain Java. It knows every registered provider ({@link #bind}, {@link #updated},
 * {@link #unbind}, as Declarative Services calls a dynamic multiple reference) and serves from the current one:
 * the best-ranked provider that the {@link DegradedMemoryPolicy} allows.
 *
 * <p>Where a buffer lives: when the current provider changes, every buffer it can take moves into its memory;
 * a buffer it cannot take (too large, or its allocation fails) stays with the provider that holds it, which is
 * still registered. When a provider goes away, each buffer it still holds moves to any other registered
 * provider the policy allows that can take it, best first. Only when none can is the buffer wiped and closed:
 * counted in {@link #lostBuffers()}, logged, and its later use throws an {@link IllegalStateException} that says
 * why. Every move into or out of degraded memory is counted and logged at WARNING, once per batch with its
 * count.
 *
 * <p>A read-write lock guards the providers: allocations and region calls hold the read side (they run in
 * parallel and always reach a provider that stays bound for the call), binding, unbinding, updating and policy
 * changes hold the write side while they move buffers, so no allocation can slip past a swap into the old
 * provider. Buffer reads and writes never touch this lock: each {@link BrokeredBuffer} has its own.
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
    static final String NONE_BOUND = "no secure-memory provider is bound to the broker; install "
            + "lle-memory-secure-posix (or lle-memory-secure-noop for the degraded fallback)";

    private static final Logger LOG = System.getLogger(HotSwapBroker.class.getName());
    private static final SecureMemoryInfo NONE_INFO = new SecureMemoryInfo("none", true, NONE_BOUND, Set.of(), 0, -1);

    private final ReentrantReadWriteLock providerLock = new ReentrantReadWriteLock();
    private final Set<BrokeredBuffer> live = ConcurrentHashMap.newKeySet();
    /** Every registered provider, best first; changed under the write side of {@link #providerLock}. */
    private final List<BoundProvider> providers = new ArrayList<>();
    private final Transfer.Factory transfers;
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong movedBuffers = new AtomicLong();
    private final AtomicLong movesIntoDegraded = new AtomicLong();
    private final AtomicLong movesOutOfDegraded = new AtomicLong();
    private final AtomicLong lostBuffers = new AtomicLong();
    private final AtomicLong failedMoves = new AtomicLong();
    private final AtomicLong leakedBuffers = new AtomicLong();
    private volatile BoundProvider current;
    private volatile DegradedMemoryPolicy policy = DegradedMemoryPolicy.ALLOW;
    /** Ranks of providers bound without traits (plain Java): each ranks above all bound before it. */
    private int plainRank;

    public HotSwapBroker() {
        this(new LockedScratchTransfer());
    }

    /** @param transfers how bytes move between providers (tests compare strategies) */
    HotSwapBroker(Transfer.Factory transfers) {
        this.transfers = transfers;
        BrokerEvents.preload(); // now, not at the first swap: that may come when no class file can be read
    }

    /**
     * Binds {@code provider} as better than every provider bound so far (plain Java, tests): it becomes the
     * current one if the policy allows it. Degraded is its {@code info().degraded()} now.
     */
    public void bind(SecureMemory provider) {
        Objects.requireNonNull(provider, "provider");
        providerLock.writeLock().lock();
        try {
            plainRank = plainRank == Integer.MAX_VALUE ? plainRank : plainRank + 1;
            register(provider, new ProviderTraits(plainRank, 0, ProviderTraits.infoSaysDegraded(provider)));
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /** Registers {@code provider} (a new service); binding one already registered updates its traits. */
    public void bind(SecureMemory provider, ProviderTraits traits) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(traits, "traits");
        providerLock.writeLock().lock();
        try {
            register(provider, traits);
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /**
     * The service properties of a registered provider changed (same object): its rank or degradation may
     * differ, so the current provider may change; buffers move only if it does.
     */
    public void updated(SecureMemory provider, ProviderTraits traits) {
        providerLock.writeLock().lock();
        try {
            BoundProvider bound = find(provider);
            if (bound == null) {
                return;
            }
            boolean wasDegraded = bound.degraded();
            bound.traits(traits);
            sortProviders();
            if (!wasDegraded && traits.degraded()) {
                BrokerEvents.degraded(bound);
            }
            if (wasDegraded != traits.degraded()) {
                long holds = live.stream().filter(b -> b.owner() == bound).count();
                LOG.log(traits.degraded() ? Level.WARNING : Level.INFO, "secure-memory provider {0} is {1} now; "
                        + "it holds {2} buffers", bound.name(), traits.degraded() ? "DEGRADED" : "no longer degraded",
                        holds);
            }
            reconsider();
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /**
     * Lets {@code provider} go; it must still work during this call. If it was the current one, the next best
     * allowed provider takes over (buffers move into it); then every buffer it still holds moves to any other
     * allowed provider that can take it, or is lost.
     */
    public void unbind(SecureMemory provider) {
        providerLock.writeLock().lock();
        try {
            BoundProvider leaving = find(provider);
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
            rescue(leaving);
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /** Applies {@code next}; the current provider may change, and buffers move if it does. */
    public void policy(DegradedMemoryPolicy next) {
        Objects.requireNonNull(next, "policy");
        providerLock.writeLock().lock();
        try {
            if (next == policy) {
                return;
            }
            policy = next;
            reconsider();
            long inDegraded = live.stream().filter(b -> {
                BoundProvider owner = b.owner();
                return owner != null && owner.degraded();
            }).count();
            LOG.log(inDegraded > 0 && next == DegradedMemoryPolicy.REFUSE ? Level.WARNING : Level.INFO,
                    "secure memory broker: {0}={1}; {2} buffers are in degraded memory now (they stay until a "
                    + "non-degraded provider can take them or their provider goes away)",
                    DegradedMemoryPolicy.ATTRIBUTE, next, inDegraded);
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    /** @return the policy in effect */
    public DegradedMemoryPolicy policy() {
        return policy;
    }

    /** Wipes and closes every buffer (not counted as lost): the broker itself is going away. */
    public void shutdown(String reason) {
        providerLock.writeLock().lock();
        try {
            closeAll(buffer -> true, reason);
            current = null;
            providers.clear();
        } finally {
            providerLock.writeLock().unlock();
        }
    }

    @Override
    public SecureBuffer allocate(int size) {
        providerLock.readLock().lock();
        try {
            BoundProvider provider = current;
            if (provider == null) {
                throw new SecureMemoryException(SecureResult.FEATURE_NOT_AVAILABLE, "cannot allocate a secure "
                        + "buffer: " + whyNoProvider());
            }
            BrokeredBuffer buffer = new BrokeredBuffer(size, provider.memory.allocate(size), provider, this);
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
            BoundProvider provider = current;
            if (provider == null) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            SecureResult result = provider.memory.enableSecureMode(region);
            if (result.isSuccess()) {
                provider.enabledRegions.incrementAndGet();
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
            BoundProvider provider = current;
            if (provider == null) {
                return SecureResult.FEATURE_NOT_AVAILABLE;
            }
            SecureResult result = provider.memory.disableSecureMode(region);
            if (result.isSuccess()) {
                provider.enabledRegions.decrementAndGet();
                return result;
            }
            // the region may have been enabled through a provider that is still bound but no longer current
            for (BoundProvider older : providers) {
                if (older != provider && older.enabledRegions.get() > 0
                        && older.memory.disableSecureMode(region).isSuccess()) {
                    older.enabledRegions.decrementAndGet();
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
        BoundProvider provider = current;
        return provider == null ? 0 : provider.maxAllocationSize();
    }

    @Override
    public SecureMemoryInfo info() {
        BoundProvider provider = current;
        if (provider != null) {
            return provider.memory.info();
        }
        providerLock.readLock().lock();
        try {
            return providers.isEmpty() ? NONE_INFO
                    : new SecureMemoryInfo("none", true, whyNoProvider(), Set.of(), 0, -1);
        } finally {
            providerLock.readLock().unlock();
        }
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
        return movesIntoDegraded.get();
    }

    @Override
    public long movesOutOfDegraded() {
        return movesOutOfDegraded.get();
    }

    @Override
    public long lostBuffers() {
        return lostBuffers.get();
    }

    /** @return moves a provider could not take (too large for it, or its allocation failed); the buffer stayed */
    public long failedMoves() {
        return failedMoves.get();
    }

    /** @return buffers the host dropped without closing them, wiped and closed by the cleaner */
    public long leakedBuffers() {
        return leakedBuffers.get();
    }

    /** @return each registered provider's name and how many live buffers it holds, best first (status, tests) */
    public Map<String, Long> buffersByProvider() {
        providerLock.readLock().lock();
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (BoundProvider provider : providers) {
                counts.put(provider.name(), live.stream().filter(b -> b.owner() == provider).count());
            }
            return counts;
        } finally {
            providerLock.readLock().unlock();
        }
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

    /** Caller holds the write lock. */
    private void register(SecureMemory provider, ProviderTraits traits) {
        BoundProvider bound = find(provider);
        if (bound == null) {
            providers.add(new BoundProvider(provider, traits));
        } else {
            bound.traits(traits);
        }
        sortProviders();
        reconsider();
    }

    /** Caller holds the write lock: best first, as OSGi orders services. */
    private void sortProviders() {
        providers.sort((a, b) -> a.traits().before(b.traits()) ? -1 : b.traits().before(a.traits()) ? 1 : 0);
    }

    /**
     * Caller holds the write lock. Makes the best provider the policy allows current; when that changes, moves
     * into it every buffer it can take.
     */
    private void reconsider() {
        BoundProvider best = null;
        for (BoundProvider provider : providers) {
            if (policy.allows(provider.degraded())) {
                best = provider;
                break;
            }
        }
        BoundProvider previous = current;
        current = best;
        if (best == null || best == previous) {
            return;
        }
        BoundProvider target = best;
        List<BrokeredBuffer> elsewhere = live.stream().filter(b -> b.owner() != target).toList();
        Moves moves = new Moves(0); // a buffer with an access open stays, and moves when the access closes
        Event swap = BrokerEvents.swapStarting();
        try (Transfer transfer = transfers.open(lockers(best, null))) {
            for (BrokeredBuffer buffer : elsewhere) {
                moves.tryMove(buffer, best, transfer);
            }
        }
        if (previous != null) {
            // counted once every buffer is in the new provider: a caller that sees the count has the swap whole
            swaps.incrementAndGet();
        }
        if (previous != null || moves.moved > 0) {
            BrokerEvents.swapped(swap, previous == null ? "none" : previous.name(), best.name(), moves.moved,
                    moves.into, moves.outOf, moves.stayed);
            LOG.log(moves.degradedMoves() || moves.stayed > 0 ? Level.WARNING : Level.INFO,
                    "secure memory swapped from {0} to {1}; {2}", previous == null ? "none" : previous.name(),
                    best.name(), moves.describe(best));
        }
    }

    /** Caller holds the write lock; {@code leaving} is no longer registered but still works. */
    private void rescue(BoundProvider leaving) {
        List<BrokeredBuffer> stranded = live.stream().filter(b -> b.owner() == leaving).toList();
        if (stranded.isEmpty()) {
            return;
        }
        Moves moves = new Moves(BrokeredBuffer.ACCESS_WAIT_NANOS); // its provider goes: wait for open accesses
        int lost = 0;
        try (Transfer transfer = transfers.open(lockers(null, leaving))) {
            for (BrokeredBuffer buffer : stranded) {
                Map<BoundProvider, String> refusals = new LinkedHashMap<>();
                boolean moved = false;
                for (BoundProvider candidate : providers) {
                    if (!policy.allows(candidate.degraded())) {
                        refusals.put(candidate, "degraded; refused by " + DegradedMemoryPolicy.ATTRIBUTE + "="
                                + policy);
                    } else if ((moved = moves.tryMove(buffer, candidate, transfer)) || buffer.isClosed()) {
                        break;
                    } else {
                        refusals.put(candidate, moves.refusal);
                    }
                }
                if (!moved && !buffer.isClosed()) {
                    lost++;
                    String reason = BrokeredBuffer.PROVIDER_GONE + ": its provider " + leaving.name() + " went away "
                            + "and no other provider the broker may use could hold its " + buffer.size() + " bytes ("
                            + (refusals.isEmpty() ? "no other provider is registered" : "registered: "
                            + refusals.entrySet().stream().map(e -> e.getKey().name() + " (" + e.getValue() + ")")
                                    .collect(Collectors.joining(", "))) + ")";
                    closeOne(buffer, reason, this::lost);
                }
            }
        }
        LOG.log(lost > 0 || moves.degradedMoves() ? Level.WARNING : Level.INFO, "secure-memory provider {0} went "
                + "away holding {1} buffers: {2}; {3} lost", leaving.name(), stranded.size(), moves.describe(null),
                lost);
    }

    /**
     * A buffer's access closed: if a swap left it behind because of that access, it moves into the current
     * provider now. Skipped while a swap or an unbind runs (it moves the buffer itself, or already tried).
     */
    void catchUp(BrokeredBuffer buffer) {
        BoundProvider now = current;
        if (now == null || buffer.ownerAfterAccess() == now || !providerLock.readLock().tryLock()) {
            return;
        }
        try {
            BoundProvider target = current;
            BoundProvider from = buffer.owner();
            if (target == null || from == null || from == target || buffer.size() > target.maxAllocationSize()) {
                return;
            }
            try (Transfer transfer = transfers.open(lockers(target, null))) {
                new Moves(0).tryMove(buffer, target, transfer);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a secure buffer of " + buffer.size() + " bytes left behind by a swap while an "
                    + "access was open on it could not move when the access closed", e);
        } finally {
            providerLock.readLock().unlock();
        }
    }

    /** Called when a buffer no allowed provider could hold was wiped and closed. */
    private void lost(BrokeredBuffer buffer) {
        live.remove(buffer);
        lostBuffers.incrementAndGet();
        LOG.log(Level.WARNING, "a secure buffer of {0} bytes was lost (wiped and closed): {1}", buffer.size(),
                buffer.closedBecause());
    }

    /** @return providers that may lock or wipe scratch memory for a batch: {@code first}, the others, {@code last} */
    private List<SecureMemory> lockers(BoundProvider first, BoundProvider last) {
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

    private String whyNoProvider() {
        if (providers.isEmpty()) {
            return NONE_BOUND;
        }
        return DegradedMemoryPolicy.ATTRIBUTE + "=" + policy + " keeps secrets out of degraded memory, and every "
                + "registered provider is degraded (" + providers.stream().map(BoundProvider::name)
                .collect(Collectors.joining(", ")) + "); install or enable lle-memory-secure-posix, or allow "
                + "degraded memory in the broker's configuration";
    }

    private SecureResult withWiper(Function<SecureMemory, SecureResult> call) {
        providerLock.readLock().lock();
        try {
            BoundProvider provider = current;
            if (provider == null && !providers.isEmpty()) {
                provider = providers.get(0);
            }
            return provider == null ? SecureResult.FEATURE_NOT_AVAILABLE : call.apply(provider.memory);
        } finally {
            providerLock.readLock().unlock();
        }
    }

    private BoundProvider find(SecureMemory provider) {
        for (BoundProvider bound : providers) {
            if (bound.memory == provider) {
                return bound;
            }
        }
        return null;
    }

    /** Caller holds the write lock. */
    private void closeAll(Predicate<BrokeredBuffer> which, String reason) {
        for (BrokeredBuffer buffer : live.stream().filter(which).toList()) {
            closeOne(buffer, reason, this::forget);
        }
    }

    private void closeOne(BrokeredBuffer buffer, String reason, Consumer<BrokeredBuffer> closed) {
        try {
            buffer.wipeAndClose(reason, closed);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "wiping a secure buffer of " + buffer.size() + " bytes failed", e);
        }
    }

    /** The moves of one batch, counted into the broker's totals as they happen. */
    private final class Moves {
        /** how long a move waits for an access open on the buffer */
        final long accessWaitNanos;
        int moved;
        int into;
        int outOf;
        int stayed;
        /** Why the last {@link #tryMove} did not move its buffer. */
        String refusal;

        Moves(long accessWaitNanos) {
            this.accessWaitNanos = accessWaitNanos;
        }

        /** @return whether {@code buffer} is now in {@code target}'s memory because of this call */
        boolean tryMove(BrokeredBuffer buffer, BoundProvider target, Transfer transfer) {
            int max = target.maxAllocationSize();
            if (buffer.size() > max) {
                refused("at most " + max + " bytes");
                return false;
            }
            BoundProvider from;
            try {
                from = buffer.migrateTo(target, transfer, accessWaitNanos);
            } catch (AccessOpenException e) {
                refused(e.getMessage());
                return false;
            } catch (RuntimeException e) {
                refused("allocation failed: " + e);
                return false;
            }
            if (from == null) {
                return false;
            }
            moved++;
            movedBuffers.incrementAndGet();
            if (!from.degraded() && target.degraded()) {
                into++;
                movesIntoDegraded.incrementAndGet();
            } else if (from.degraded() && !target.degraded()) {
                outOf++;
                movesOutOfDegraded.incrementAndGet();
            }
            return true;
        }

        private void refused(String why) {
            refusal = why;
            stayed++;
            failedMoves.incrementAndGet();
        }

        boolean degradedMoves() {
            return into > 0 || outOf > 0;
        }

        String describe(BoundProvider target) {
            StringBuilder text = new StringBuilder().append(moved).append(" buffers moved");
            if (into > 0) {
                text.append(", ").append(into).append(" buffers moved INTO DEGRADED memory (not locked, may reach "
                        + "swap, core dumps and forked children)");
            }
            if (outOf > 0) {
                text.append(", ").append(outOf).append(" buffers moved out of degraded memory");
            }
            if (stayed > 0 && target != null) {
                text.append("; ").append(stayed).append(" buffers stay with the provider that holds them (")
                        .append(target.name()).append(": ").append(refusal).append(")");
            }
            return text.toString();
        }
    }
}
