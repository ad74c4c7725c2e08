package org.lle.memory.secure.broker.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The buffers the broker holds for the host, strongly, so that a swap can move them; and what happens when one
 * leaves: closed by its owner, dropped unclosed and wiped by the cleaner, or lost with its provider. The set is
 * concurrent: buffers are added and closed without the broker's provider lock.
 */
final class LiveBuffers {
    /** The broker logs under one name, {@link HotSwapBroker}'s, whichever of its parts speaks. */
    private static final Logger LOG = System.getLogger(HotSwapBroker.class.getName());

    private final Set<BrokeredBuffer> live = ConcurrentHashMap.newKeySet();
    private final BrokerCounters counters;

    LiveBuffers(BrokerCounters counters) {
        this.counters = counters;
    }

    void add(BrokeredBuffer buffer) {
        live.add(buffer);
    }

    int size() {
        return live.size();
    }

    /** @return the live buffers {@code which} selects, a snapshot */
    List<BrokeredBuffer> select(Predicate<BrokeredBuffer> which) {
        return live.stream().filter(which).toList();
    }

    /** @return how many live buffers {@code which} selects */
    long count(Predicate<BrokeredBuffer> which) {
        return live.stream().filter(which).count();
    }

    /** @return how many live buffers {@code provider}'s memory holds */
    long heldBy(BoundProvider provider) {
        return count(b -> b.owner() == provider);
    }

    /** A buffer its owner closed. */
    void forget(BrokeredBuffer buffer) {
        live.remove(buffer);
    }

    /** The cleaner wiped and closed a buffer its owner dropped. */
    void leaked(BrokeredBuffer buffer) {
        live.remove(buffer);
        counters.leakedBuffers.incrementAndGet();
        LOG.log(Level.WARNING, "LEAK: a brokered SecureBuffer of {0} bytes was never closed; it was wiped and "
                + "closed when it became unreachable. Close secure buffers (try-with-resources).", buffer.size());
    }

    /** A buffer no allowed provider could hold was wiped and closed. */
    void lost(BrokeredBuffer buffer) {
        live.remove(buffer);
        counters.lostBuffers.incrementAndGet();
        LOG.log(Level.WARNING, "a secure buffer of {0} bytes was lost (wiped and closed): {1}", buffer.size(),
                buffer.closedBecause());
    }

    /** Wipes and closes every live buffer with {@code reason}, not counted as lost. */
    void closeAll(String reason) {
        for (BrokeredBuffer buffer : select(buffer -> true)) {
            closeOne(buffer, reason, this::forget);
        }
    }

    /** Wipes and closes {@code buffer}; a provider's failure is logged, not thrown (the others still close). */
    void closeOne(BrokeredBuffer buffer, String reason, Consumer<BrokeredBuffer> closed) {
        try {
            buffer.wipeAndClose(reason, closed);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "wiping a secure buffer of " + buffer.size() + " bytes failed", e);
        }
    }
}
