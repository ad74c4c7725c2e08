package org.lle.memory.pool.internal;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.lle.memory.internal.wipe.Wipe;
import org.lle.memory.pool.AllocationStrategy;
import org.lle.memory.pool.LeakDetection;
import org.lle.memory.pool.MemoryPoolSystem;
import org.lle.memory.pool.MemoryState;
import org.lle.memory.pool.MemoryStateListener;
import org.lle.memory.pool.PoolBlock;
import org.lle.memory.pool.PoolConfig;
import org.lle.memory.pool.PoolStats;
import org.lle.memory.pool.PoolType;

/**
 * The pool system. The hot path (a thread-cache hit, or a close into the closing thread's cache) takes no
 * lock and writes no shared atomic: it reads a few volatile fields, pops or pushes a thread-owned stack and
 * bumps thread-owned counters. Shared state is touched only on a miss (budget ledger, one pool's monitor).
 *
 * <p>Memory: blocks come from direct-memory slabs, are zero-filled when handed out because they are wiped
 * when closed (the bytes the owner may have written, see {@link PooledBlock}), so freed data never lingers
 * in the pool. Heap fallback is never used ({@link PoolStats#heapFallbacks()} stays 0): every block is pool memory.
 *
 * <p>Growth: each class grows slab by slab while its blocks fit in the type's and the total budget, and slabs
 * that stay empty are handed back ({@link SlabAccount}); the path between threads and pools is the
 * {@link Allocator}'s.
 *
 * <p>Pressure: a refused request or an emergency-reserve allocation moves ACTIVE to LOW_MEMORY; the first
 * regular allocation that succeeds while the reserve is fully returned moves LOW_MEMORY back to ACTIVE. Only
 * the budgets (and the JVM's direct memory) refuse: no block count does.
 *
 * <p>After {@link #close()}: allocate, stats, totalStats, addStateListener and reconfigure throw
 * {@link IllegalStateException}; state(), config(), removeStateListener and close() still answer.
 */
public final class DefaultMemoryPoolSystem implements MemoryPoolSystem {
    private final MemoryStateMachine states = new MemoryStateMachine();
    private final StatsRegistry stats;
    private final SlabAccount slabs = new SlabAccount();
    private final LeakListener leakListener;
    private final LeakTracker leaks;
    private final BudgetLedger ledger;
    private final EmergencyReserve reserve;
    private final Allocator allocator;
    private final Object lifecycle = new Object();
    private volatile Generation generation;
    private volatile boolean closed;
    /** How long {@link PooledBlock#close()} waits for accesses in flight before it retires the slot instead. */
    private volatile long closeWaitLimitNanos = TimeUnit.SECONDS.toNanos(20);

    public DefaultMemoryPoolSystem(PoolConfig config) {
        this(config, new LoggingLeakListener());
    }

    /** @param leakListener receives leak reports instead of the logger */
    public DefaultMemoryPoolSystem(PoolConfig config, LeakListener leakListener) {
        Objects.requireNonNull(config, "config");
        this.leakListener = Objects.requireNonNull(leakListener, "leakListener");
        this.leaks = new LeakTracker(leakListener);
        this.ledger = new BudgetLedger(config);
        this.stats = new StatsRegistry(ledger);
        ledger.countCredits(stats);
        this.reserve = new EmergencyReserve(config.emergencyReserveBytes(), slabs);
        this.allocator = new Allocator(this, ledger, reserve, stats, slabs);
        PoolEvents.preload(); // now, not at the first refusal: that may come when no class file can be read
        this.generation = new Generation(config, null, slabs);
        states.transition(MemoryState.ACTIVE);
    }

    @Override
    public PoolBlock allocate(PoolType type, int size) {
        Objects.requireNonNull(type, "type must not be null");
        return allocate(type, size, generation.config.defaultStrategy());
    }

    /**
     * Only the usual case, a hit in the calling thread's cache while the system is ACTIVE, is here, so the JIT's
     * code for it stays short; a miss, another state and the emergency reserve are in {@link #allocateElsewhere}.
     */
    @Override
    public PoolBlock allocate(PoolType type, int size, AllocationStrategy strategy) {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(strategy, "strategy must not be null");
        Generation g = generation;
        ensureOpen();
        MemoryState state = states.current();
        if (state == MemoryState.ERROR) {
            throw new IllegalStateException("the pool system is in state ERROR and allocates nothing more");
        }
        int t = type.ordinal();
        TypePools pools = g.types[t];
        if (size <= 0 || size > pools.largestClass) {
            throw sizeOutOfRange(type, size, pools.largestClass);
        }
        ThreadCache cache = allocator.cache(g);
        int primary = pools.primaryClass(size);
        Slab slab;
        if (state != MemoryState.ACTIVE || strategy == AllocationStrategy.EMERGENCY_ONLY
                || (slab = cache.pop(t, primary)) == null) {
            return allocateElsewhere(type, size, strategy, g, state, cache, primary);
        }
        cache.counters.allocatedFromCache(t, size, slab.pool.blockSize);
        return sampledForLeaks(new PooledBlock(slab, cache.takenOffset, type, size, cache), g, cache);
    }

    private static IllegalArgumentException sizeOutOfRange(PoolType type, int size, int largest) {
        return new IllegalArgumentException("size " + size + " is outside 1.." + largest + " bytes (1 up to the largest "
                + type + " size class)");
    }

    /** An allocation that is not a cache hit in state ACTIVE: a miss, another state, or the emergency reserve. */
    private PoolBlock allocateElsewhere(PoolType type, int size, AllocationStrategy strategy, Generation g,
            MemoryState state, ThreadCache cache, int primary) {
        int t = type.ordinal();
        // in state ACTIVE allocate came here because the cache missed (or the strategy skips it): no second look
        Slab slab = strategy == AllocationStrategy.EMERGENCY_ONLY || state == MemoryState.ACTIVE ? null
                : cache.pop(t, primary);
        boolean hit = slab != null;
        if (!hit) {
            slab = allocator.take(cache, g, t, primary, strategy);
            if (slab == null) {
                cache.counters.failed(t);
                underPressure();
                throw PoolEvents.refused(allocator.refusal(type, size, strategy, g), strategy);
            }
        }
        SlotPool pool = slab.pool;
        boolean emergency = pool.isEmergency();
        int spillWaste = emergency || pool.classIndex == primary ? 0
                : pool.blockSize - g.types[t].classes[primary].blockSize;
        cache.counters.allocated(t, size, pool.blockSize, hit, spillWaste, emergency);
        if (emergency) {
            PoolEvents.emergency(type, size, reserve);
            underPressure();
        } else if (state == MemoryState.LOW_MEMORY && reserve.used() == 0) {
            states.transitionIfIn(MemoryState.LOW_MEMORY, MemoryState.ACTIVE);
        }
        return sampledForLeaks(new PooledBlock(slab, cache.takenOffset, type, size, cache), g, cache);
    }

    /** @return {@code block}, tracked when the leak detection level samples this allocation */
    private PooledBlock sampledForLeaks(PooledBlock block, Generation g, ThreadCache cache) {
        LeakDetection level = g.config.leakDetection();
        if (level != LeakDetection.DISABLED && LeakTracker.sampled(level, ++cache.allocationsSeen)) {
            leaks.track(block, level != LeakDetection.SIMPLE);
        }
        return block;
    }

    private void underPressure() {
        states.transitionIfIn(MemoryState.ACTIVE, MemoryState.LOW_MEMORY);
    }

    /** Called once per block by {@link PooledBlock#close()} after no access is in flight. */
    void release(PooledBlock block) {
        if (block.tracked()) {
            leaks.closed(block);
        }
        Slab slab = block.slab;
        Wipe.range(slab.memory, block.base, block.dirtyEnd()); // also after the system closed: the slab may live on
        if (closed) {
            return; // the system is gone: nothing to return to, and its counters are final
        }
        ThreadCache cache = closingCache(block);
        cache.counters.freed(block.typeIndex(), block.size, slab.pool.blockSize, block.allocator.counters);
        allocator.recycle(cache, slab, block.base);
    }

    /**
     * {@link #release} of a block its allocating thread closed while idle ({@link AccessGuard#markClosedIfIdle}): no
     * leak record, no wide wipe, and the closing thread's cache is the allocating one.
     */
    void releaseIdle(PooledBlock block) {
        Slab slab = block.slab;
        Wipe.range(slab.memory, block.base, block.ownDirtyEnd()); // also after the system closed: the slab may live on
        if (closed) {
            return;
        }
        ThreadCache cache = block.allocator;
        cache.counters.freedOwn(block.typeIndex(), block.size, slab.pool.blockSize);
        allocator.recycle(cache, slab, block.base);
    }

    /**
     * Called instead of {@link #release} when close gave up waiting for an access in flight: the slot is wiped
     * whole and dropped (an access may still touch it, so no other owner may get it); the block counts as freed.
     */
    void retire(PooledBlock block) {
        if (block.tracked()) {
            leaks.closed(block);
        }
        Slab slab = block.slab;
        Wipe.range(slab.memory, block.base, slab.pool.blockSize);
        if (closed) {
            return;
        }
        ThreadCache cache = closingCache(block);
        cache.counters.freed(block.typeIndex(), block.size, slab.pool.blockSize, block.allocator.counters);
        allocator.retire(slab);
        System.getLogger(LoggingLeakListener.LOGGER_NAME).log(System.Logger.Level.WARNING, "retired the slot of a "
                + block + " whose close gave up waiting for an access in flight; the pool has one block less");
    }

    private ThreadCache closingCache(PooledBlock block) {
        return block.allocator.owner == Thread.currentThread() ? block.allocator : allocator.currentCache();
    }

    long closeWaitLimitNanos() {
        return closeWaitLimitNanos;
    }

    /** For tests: how long a close waits for accesses in flight before it retires the slot. */
    void setCloseWaitLimitNanos(long nanos) {
        this.closeWaitLimitNanos = nanos;
    }

    @Override
    public PoolStats stats(PoolType type) {
        Objects.requireNonNull(type, "type must not be null");
        ensureOpen();
        leaks.poll();
        allocator.sweepIfDue(generation);
        return snapshot(type);
    }

    @Override
    public PoolStats totalStats() {
        ensureOpen();
        leaks.poll();
        allocator.sweepIfDue(generation);
        PoolStats total = PoolStats.EMPTY;
        for (PoolType type : Generation.TYPES) {
            total = total.plus(snapshot(type));
        }
        return total;
    }

    private PoolStats snapshot(PoolType type) {
        int t = type.ordinal();
        return stats.snapshot(t, allocator.releaser(), slabs.bytes(t));
    }

    @Override
    public MemoryState state() {
        return states.current();
    }

    @Override
    public void addStateListener(MemoryStateListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        ensureOpen();
        states.addListener(listener);
    }

    @Override
    public void removeStateListener(MemoryStateListener listener) {
        states.removeListener(listener);
    }

    @Override
    public PoolConfig config() {
        return generation.config;
    }

    /**
     * Applies a new configuration to the running system. Blocks already handed out stay valid, keep counting
     * against the (new) budgets and in the statistics until closed; their slots are then dropped, not reused.
     * Free blocks cached by other threads leave their caches when those threads next allocate or end.
     * State: ACTIVE -> OPTIMIZING -> ACTIVE around the switch (other states are left as they are).
     */
    public void reconfigure(PoolConfig next) {
        Objects.requireNonNull(next, "config must not be null");
        synchronized (lifecycle) {
            ensureOpen();
            boolean optimizing = states.transitionIfIn(MemoryState.ACTIVE, MemoryState.OPTIMIZING);
            try {
                Generation old = generation;
                ledger.setLimits(next);
                stats.reclaimCredit(); // reserved under the old limits: the new ones decide from here on
                reserve.setCapacity(next.emergencyReserveBytes());
                Generation fresh = new Generation(next, old, slabs);
                generation = fresh;
                fresh.retireReplaced(old);
            } finally {
                if (optimizing) {
                    states.transitionIfIn(MemoryState.OPTIMIZING, MemoryState.ACTIVE);
                }
            }
        }
    }

    /**
     * Gives free memory back now: the calling thread's cached blocks go back to their pools, and every slab
     * none of whose blocks is open or cached is let go (the GC frees it); pools grow again on demand. Without
     * it, slabs are handed back once they stayed empty a while. Other threads' caches are theirs and stay.
     * State: ACTIVE -> GC_RUNNING -> ACTIVE around it (other states are left alone).
     */
    public void trim() {
        synchronized (lifecycle) {
            ensureOpen();
            boolean collecting = states.transitionIfIn(MemoryState.ACTIVE, MemoryState.GC_RUNNING);
            try {
                allocator.trim(generation);
            } finally {
                if (collecting) {
                    states.transitionIfIn(MemoryState.GC_RUNNING, MemoryState.ACTIVE);
                }
            }
        }
    }

    /** Reports blocks never closed: those the GC found, now (they are also reported at close). */
    public void pollLeaks() {
        leaks.poll();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            long live = 0;
            StringBuilder perType = new StringBuilder();
            for (PoolType type : Generation.TYPES) {
                long blocks = snapshot(type).liveBlocks();
                if (blocks > 0) {
                    live += blocks;
                    perType.append(perType.length() == 0 ? "" : ", ").append(type).append('=').append(blocks);
                }
            }
            leaks.reportOpenAtClose();
            if (live > 0) {
                try {
                    leakListener.closedWithLiveBlocks(live, perType.toString());
                } catch (RuntimeException listenerFailed) {
                    System.getLogger(LoggingLeakListener.LOGGER_NAME).log(System.Logger.Level.ERROR,
                            "leak listener failed at close", listenerFailed);
                }
            }
            generation.retireAll();
            allocator.forgetCaches();
            moveToShutdown();
        }
    }

    private void moveToShutdown() {
        while (true) {
            MemoryState now = states.current();
            if (now == MemoryState.SHUTDOWN) {
                return;
            }
            if (now.canTransitionTo(MemoryState.SHUTDOWN)) {
                states.transitionIfIn(now, MemoryState.SHUTDOWN);
            } else if (now.canTransitionTo(MemoryState.ACTIVE)) {
                states.transitionIfIn(now, MemoryState.ACTIVE); // OPTIMIZING / GC_RUNNING finish first
            } else {
                states.transitionIfIn(now, MemoryState.ERROR); // INITIALIZING
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the pool system is closed");
        }
    }

    // ---- for tests and diagnostics in this bundle ----

    MemoryStateMachine stateMachine() {
        return states;
    }

    BudgetLedger ledger() {
        return ledger;
    }

    EmergencyReserve reserve() {
        return reserve;
    }

    SlabAccount slabs() {
        return slabs;
    }

    StatsRegistry statsRegistry() {
        return stats;
    }

    Generation generation() {
        return generation;
    }

    int trackedLeaks() {
        return leaks.openCount();
    }

    @Override
    public String toString() {
        return "MemoryPoolSystem[" + states.current() + ", " + generation.config.defaultStrategy() + ", "
                + generation.config.selection() + "]";
    }
}
