package org.lle.memory.secure.broker.internal;

/** The moves of one batch (a swap, an unbind, a catch-up), counted into the broker's totals as they happen. */
final class MoveBatch {
    private final BrokerCounters counters;
    /** how long a move waits for an access open on the buffer */
    private final long accessWaitNanos;
    int moved;
    int into;
    int outOf;
    int stayed;
    /** Why the last {@link #tryMove} did not move its buffer. */
    String refusal;

    MoveBatch(BrokerCounters counters, long accessWaitNanos) {
        this.counters = counters;
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
        counters.movedBuffers.incrementAndGet();
        if (!from.degraded() && target.degraded()) {
            into++;
            counters.movesIntoDegraded.incrementAndGet();
        } else if (from.degraded() && !target.degraded()) {
            outOf++;
            counters.movesOutOfDegraded.incrementAndGet();
        }
        return true;
    }

    private void refused(String why) {
        refusal = why;
        stayed++;
        counters.failedMoves.incrementAndGet();
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
