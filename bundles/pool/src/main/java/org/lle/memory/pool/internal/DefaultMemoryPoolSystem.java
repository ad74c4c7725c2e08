package org.lle.memory.pool.internal;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * <p>Pressure: a refused request or an emergency-reserve allocation moves ACTIVE to LOW_MEMORY; the first
 * regular allocation that succeeds while the reserve is fully returned moves LOW_MEMORY back to ACTIVE.
 *
 * <p>After {@link #close()}: allocate, stats, totalStats, addStateListener and reconfigure throw
 * {@link IllegalStateException}; state(), config(), removeStateListener and close() still answer.
 */
public final class DefaultMemoryPoolSystem implements MemoryPoolSystem {
    private final MemoryStateMachine states = new MemoryStateMachine();
    private final StatsRegistry stats = new StatsRegistry();
    private final LeakListener leakListener;
    private final LeakTracker leaks;
    private final BudgetLedger ledger;
    private final EmergencyReserve reserve;
    private final ThreadCache.SlotReleaser releaseCached = this::releaseToPool;
    private final ThreadLocal<ThreadCache> caches = new ThreadLocal<>() {
        @Override
        protected ThreadCache initialValue() {
            ThreadCache cache = new ThreadCache(Thread.currentThread());
            stats.register(cache, releaseCached);
            return cache;
        }
    };
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
        this.reserve = new EmergencyReserve(config.emergencyReserveBytes());
        PoolEvents.preload(); // now, not at the first refusal: that may come when no class file can be read
        this.generation = new Generation(config, null);
        states.transition(MemoryState.ACTIVE);
    }

    @Override
    public PoolBlock allocate(PoolType type, int size) {
        Objects.requireNonNull(type, "type must not be null");
        return allocate(type, size, generation.config.defaultStrategy());
    }

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
        int largest = pools.largestClass();
        if (size <= 0 || size > largest) {
            throw new IllegalArgumentException("size " + size + " is outside 1.." + largest + " bytes (1 up to the largest "
                    + type + " size class)");
        }
        ThreadCache cache = cache(g);
        int primary = pools.primaryClass(size);
        cache.lastRefusal = BudgetLedger.GRANTED;
        Slot slot;
        switch (strategy) {
            case PRIMARY_ONLY:
                slot = fromClass(cache, g, t, primary);
                break;
            case SECONDARY_FALLBACK:
                slot = fromClasses(cache, g, t, primary);
                break;
            case EMERGENCY_ONLY:
                slot = fromReserve(cache, pools.classes[primary].blockSize);
                break;
            case AUTOMATIC:
            default:
                slot = fromClasses(cache, g, t, primary);
                if (slot == null && reserve.capacity() > 0) {
                    slot = fromReserve(cache, pools.classes[primary].blockSize);
                }
                break;
        }
        if (slot == null) {
            cache.counters.failed(t);
            underPressure();
            throw PoolEvents.refused(Refusals.refusal(type, size, strategy, cache.lastRefusal, g, ledger, reserve), strategy);
        }
        SlotPool pool = slot.pool;
        boolean emergency = pool.isEmergency();
        cache.counters.allocated(t, size, pool.blockSize, cache.lastWasHit, !emergency && pool.classIndex != primary,
                emergency);
        if (emergency) {
            PoolEvents.emergency(type, size, reserve);
            underPressure();
        } else if (state == MemoryState.LOW_MEMORY && reserve.used() == 0) {
            states.transitionIfIn(MemoryState.LOW_MEMORY, MemoryState.ACTIVE);
        }
        PooledBlock block = new PooledBlock(this, slot, type, size, cache);
        LeakDetection level = g.config.leakDetection();
        if (level != LeakDetection.DISABLED && LeakTracker.sampled(level, ++cache.allocationsSeen)) {
            block.leak = leaks.track(block, type, size, level != LeakDetection.SIMPLE);
        }
        return block;
    }

    /** Primary class, then each larger class of the type. */
    private Slot fromClasses(ThreadCache cache, Generation g, int t, int primary) {
        Slot slot = fromClass(cache, g, t, primary);
        for (int c = primary + 1; slot == null && c < g.types[t].classes.length; c++) {
            slot = fromClass(cache, g, t, c);
        }
        return slot;
    }

    /** The thread cache of one class, else a shared pool of it within the budgets. */
    private Slot fromClass(ThreadCache cache, Generation g, int t, int c) {
        SlotStack stack = cache.stack(t, c);
        if (stack != null) {
            Slot slot = stack.pop();
            if (slot != null) {
                cache.lastWasHit = true;
                return slot;
            }
        }
        cache.lastWasHit = false;
        SizeClass sizeClass = g.types[t].classes[c];
        int verdict = ledger.tryReserve(t, sizeClass.blockSize);
        if (verdict != BudgetLedger.GRANTED) {
            // free blocks in caches count as held: give back this thread's and those of threads that ended
            // (nobody else would until a new thread or a stats call comes), then ask once more
            cache.drain(releaseCached);
            stats.reclaimEnded(releaseCached);
            verdict = ledger.tryReserve(t, sizeClass.blockSize);
        }
        if (verdict != BudgetLedger.GRANTED) {
            refused(cache, verdict);
            return null;
        }
        Slot slot = sizeClass.take(g.config.selection());
        if (slot == null) {
            ledger.release(t, sizeClass.blockSize);
            refused(cache, sizeClass.outOfDirectMemory() ? Refusals.NO_DIRECT_MEMORY : Refusals.EXHAUSTED);
        }
        return slot;
    }

    private Slot fromReserve(ThreadCache cache, int blockSize) {
        cache.lastWasHit = false;
        Slot slot = reserve.take(blockSize);
        if (slot == null) {
            refused(cache, Refusals.RESERVE_SPENT);
        }
        return slot;
    }

    /** Keeps the first reason: it names the primary class, which is what the caller asked for. */
    private static void refused(ThreadCache cache, int reason) {
        if (cache.lastRefusal == BudgetLedger.GRANTED) {
            cache.lastRefusal = reason;
        }
    }

    private void underPressure() {
        states.transitionIfIn(MemoryState.ACTIVE, MemoryState.LOW_MEMORY);
    }

    private ThreadCache cache(Generation g) {
        ThreadCache cache = caches.get();
        if (cache.generation() != g) {
            cache.rebind(g, releaseCached);
        }
        return cache;
    }

    /** Called once per block by {@link PooledBlock#close()} after no access is in flight. */
    void release(PooledBlock block) {
        if (block.leak != null) {
            leaks.closed(block.leak);
        }
        Slot slot = block.slot;
        Zeroes.wipe(slot.slab, slot.offset, block.dirtyEnd()); // also after the system closed: the slab may live on a while
        if (closed) {
            return; // the system is gone: nothing to return to, and its counters are final
        }
        SlotPool pool = slot.pool;
        ThreadCache cache = block.allocator.owner == Thread.currentThread() ? block.allocator : caches.get();
        cache.counters.freed(block.type.ordinal(), block.size, pool.blockSize, block.allocator.counters);
        if (pool.isEmergency()) {
            reserve.give(slot);
            return;
        }
        Generation cached = cache.generation();
        if (cached != null && cached.types[pool.typeIndex] == pool.owner) {
            SlotStack stack = cache.stack(pool.typeIndex, pool.classIndex);
            if (stack != null && stack.push(slot)) {
                return; // stays counted as held: the next hit on this thread needs no shared state
            }
        }
        releaseToPool(slot);
    }

    /**
     * Called instead of {@link #release} when close gave up waiting for an access in flight: the slot is wiped
     * whole and dropped (an access may still touch it, so no other owner may get it); the block counts as freed.
     */
    void retire(PooledBlock block) {
        if (block.leak != null) {
            leaks.closed(block.leak);
        }
        Slot slot = block.slot;
        Zeroes.wipe(slot.slab, slot.offset, slot.pool.blockSize);
        if (closed) {
            return;
        }
        SlotPool pool = slot.pool;
        ThreadCache cache = block.allocator.owner == Thread.currentThread() ? block.allocator : caches.get();
        cache.counters.freed(block.type.ordinal(), block.size, pool.blockSize, block.allocator.counters);
        if (pool.isEmergency()) {
            reserve.forget(slot);
        } else {
            ledger.release(pool.typeIndex, pool.blockSize);
            pool.forget();
        }
        System.getLogger(LoggingLeakListener.LOGGER_NAME).log(System.Logger.Level.WARNING, "retired the slot of a "
                + block + " whose close gave up waiting for an access in flight; the pool has one block less");
    }

    long closeWaitLimitNanos() {
        return closeWaitLimitNanos;
    }

    /** For tests: how long a close waits for accesses in flight before it retires the slot. */
    void setCloseWaitLimitNanos(long nanos) {
        this.closeWaitLimitNanos = nanos;
    }

    /** A free slot leaves a thread cache (or skips it): its bytes stop counting against the budgets. */
    private void releaseToPool(Slot slot) {
        SlotPool pool = slot.pool;
        ledger.release(pool.typeIndex, pool.blockSize);
        if (pool.owner.isRetired()) {
            pool.forget();
        } else {
            pool.give(slot);
        }
    }

    @Override
    public PoolStats stats(PoolType type) {
        Objects.requireNonNull(type, "type must not be null");
        ensureOpen();
        leaks.poll();
        return stats.snapshot(type.ordinal(), releaseCached);
    }

    @Override
    public PoolStats totalStats() {
        ensureOpen();
        leaks.poll();
        PoolStats total = PoolStats.EMPTY;
        for (PoolType type : Generation.TYPES) {
            total = total.plus(stats.snapshot(type.ordinal(), releaseCached));
        }
        return total;
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
                reserve.setCapacity(next.emergencyReserveBytes());
                Generation fresh = new Generation(next, old);
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
     * Gives free memory back: drops the free slots of every pool and the calling thread's cached blocks, so
     * slabs none of whose blocks is open are freed by the GC; pools grow again lazily. Other threads' caches
     * are theirs and stay. State: ACTIVE -> GC_RUNNING -> ACTIVE around it (other states are left alone).
     */
    public void trim() {
        synchronized (lifecycle) {
            ensureOpen();
            boolean collecting = states.transitionIfIn(MemoryState.ACTIVE, MemoryState.GC_RUNNING);
            try {
                caches.get().drain(releaseCached);
                for (TypePools pools : generation.types) {
                    pools.dropFree();
                }
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
                long blocks = stats.snapshot(type.ordinal(), releaseCached).liveBlocks();
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
            caches.remove();
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

    int trackedLeaks() {
        return leaks.openCount();
    }

    @Override
    public String toString() {
        return "MemoryPoolSystem[" + states.current() + ", " + generation.config.defaultStrategy() + ", "
                + generation.config.selection() + "]";
    }
}
