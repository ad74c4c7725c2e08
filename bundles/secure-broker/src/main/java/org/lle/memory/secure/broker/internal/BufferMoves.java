package org.lle.memory.secure.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Event;

/**
 * The moves of buffers between providers. When the current provider changes, every buffer it can take moves
 * into its memory; a buffer it cannot take (too large, or its allocation fails) stays with the provider that
 * holds it, which is still registered. A buffer with an access open stays too, and moves when the access closes
 * ({@link #catchUp}). When a provider goes away, each buffer it still holds moves to any other registered
 * provider the policy allows that can take it, best first (waiting for an open access); only when none can is
 * the buffer wiped and closed, counted as lost and logged. Every move into or out of degraded memory is counted
 * and logged at WARNING, once per batch with its count.
 */
final class BufferMoves {
    /** The broker logs under one name, {@link HotSwapBroker}'s, whichever of its parts speaks. */
    private static final Logger LOG = System.getLogger(HotSwapBroker.class.getName());

    private final ProviderRegistry providers;
    private final LiveBuffers live;
    private final BrokerCounters counters;
    private final Transfer.Factory transfers;

    BufferMoves(ProviderRegistry providers, LiveBuffers live, BrokerCounters counters, Transfer.Factory transfers) {
        this.providers = providers;
        this.live = live;
        this.counters = counters;
        this.transfers = transfers;
    }

    /**
     * Caller holds the write lock; {@code best} has just become current after {@code previous} (or none). Moves
     * into it every buffer it can take.
     */
    void intoCurrent(BoundProvider previous, BoundProvider best) {
        List<BrokeredBuffer> elsewhere = live.select(b -> b.owner() != best);
        MoveBatch moves = new MoveBatch(counters, 0); // a buffer with an access open stays, and moves when it closes
        Event swap = BrokerEvents.swapStarting();
        try (Transfer transfer = transfers.open(providers.lockers(best, null))) {
            for (BrokeredBuffer buffer : elsewhere) {
                moves.tryMove(buffer, best, transfer);
            }
        }
        if (previous != null) {
            // counted once every buffer is in the new provider: a caller that sees the count has the swap whole
            counters.swaps.incrementAndGet();
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
    void rescue(BoundProvider leaving) {
        List<BrokeredBuffer> stranded = live.select(b -> b.owner() == leaving);
        if (stranded.isEmpty()) {
            return;
        }
        MoveBatch moves = new MoveBatch(counters, BrokeredBuffer.ACCESS_WAIT_NANOS); // its provider goes: wait
        DegradedMemoryPolicy policy = providers.policy();
        int lost = 0;
        try (Transfer transfer = transfers.open(providers.lockers(null, leaving))) {
            for (BrokeredBuffer buffer : stranded) {
                Map<BoundProvider, String> refusals = new LinkedHashMap<>();
                boolean moved = false;
                for (BoundProvider candidate : providers.all()) {
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
                    live.closeOne(buffer, reason, live::lost);
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
        BoundProvider now = providers.current();
        if (now == null || buffer.ownerAfterAccess() == now || !providers.lock.readLock().tryLock()) {
            return;
        }
        try {
            BoundProvider target = providers.current();
            BoundProvider from = buffer.owner();
            if (target == null || from == null || from == target || buffer.size() > target.maxAllocationSize()) {
                return;
            }
            try (Transfer transfer = transfers.open(providers.lockers(target, null))) {
                new MoveBatch(counters, 0).tryMove(buffer, target, transfer);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a secure buffer of " + buffer.size() + " bytes left behind by a swap while an "
                    + "access was open on it could not move when the access closed", e);
        } finally {
            providers.lock.readLock().unlock();
        }
    }

    /** A buffer moved, but closing its old copy threw (the old provider still wiped it). */
    void oldCopyFailedToClose(BrokeredBuffer buffer, RuntimeException e) {
        LOG.log(Level.ERROR, "a secure buffer of " + buffer.size() + " bytes moved, but closing its old copy failed", e);
    }
}
